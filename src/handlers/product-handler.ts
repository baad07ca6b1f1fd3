import type { Task } from '../store/store.js'
import type { PlannedWrite } from '../sync/planned-write.js'
import { replayJobOfReason } from '../task-keys.js'
import type { TaskHandler } from '../worker/handlers.js'
import { syncAssetLinks, type LinkDeps } from './asset-handler.js'
import { listedAkeneoEntity } from './listed-snapshot.js'
import { PRODUCT_JOBS, syncProduct, type EntityRef, type ProductDeps, type ProductJob } from './product-sync.js'

export { syncProduct, PRODUCT_JOBS, type ProductJob, type SyncProductOptions } from './product-sync.js'

/**
 * Links and collection placements recorded as waiting for this product/model (it did not exist when the asset was
 * handled). The whole asset is re-synced from its current state: it may have changed since.
 */
export async function linkWaitingAssets (deps: LinkDeps, entity: EntityRef, dryRun?: PlannedWrite[]): Promise<string | null> {
  const waiting = [...await deps.store.links.waitingFor(entity.type, entity.code), ...await deps.store.collections.waitingFor(entity.type, entity.code)]
  const assets = new Map(waiting.map((row) => [`${row.credentialCode}\n${row.assetId}`, row]))
  const notes: string[] = []
  for (const row of assets.values()) {
    notes.push(await syncAssetLinks(deps, row.credentialCode, row.assetId, dryRun === undefined ? {} : { dryRun }))
  }
  return notes.length === 0 ? null : notes.join(' | ')
}

/**
 * The jobs a task runs: a live event (any reason that is not a replay's) runs both; a task
 * queued only by replays of one job runs that job — enrichment runs on its own, slower
 * schedule when there are no events, as with the cron jobs it replaces.
 */
export function jobsFor (reasons: readonly string[]): ReadonlySet<ProductJob> {
  const jobs = new Set<ProductJob>()
  for (const reason of reasons) {
    const job = replayJobOfReason(reason)
    if (job === null) return PRODUCT_JOBS
    if (PRODUCT_JOBS.has(job as ProductJob)) jobs.add(job as ProductJob)
  }
  return jobs.size === 0 ? PRODUCT_JOBS : jobs
}

/**
 * `product:<uuid>` / `product_model:<code>` tasks: update-properties and enrichment towards
 * Bynder, then the links that waited for this entity. Events authored by this service never
 * get here (intake drops them); writing only what differs settles the rest.
 */
export function productHandler (deps: ProductDeps, hooks: {
  /** After a successful sync of an existing entity, with the `updated` it was synced at. */
  synced?: (task: Task, entity: { updated: string }, jobs: ReadonlySet<ProductJob>) => Promise<void>
} = {}): TaskHandler {
  return async (task: Task) => {
    const kind = task.kind === 'product' ? 'product' as const : 'product_model' as const
    const listed = listedAkeneoEntity(kind, task.snapshot)
    const jobs = jobsFor(task.reasons)
    const result = await syncProduct(deps, kind, task.entityId, { jobs, ...(listed === undefined ? {} : { listed }) })
    const notes = [result.note]
    if (result.entity !== null && result.updated !== null) {
      const waiting = await linkWaitingAssets(deps, result.entity)
      if (waiting !== null) notes.push(`waiting links: ${waiting}`)
    }
    if (result.updated !== null) await hooks.synced?.(task, { updated: result.updated }, jobs)
    return notes.join('; ')
  }
}
