import type { AkeneoProduct, AkeneoProductModel } from '../clients/akeneo/index.js'
import { syncProduct } from '../handlers/product-handler.js'
import type { PlannedWrite } from '../sync/planned-write.js'
import { akeneoTaskKey, replayReason } from '../task-keys.js'
import { eachLimited, inBatches } from './batches.js'
import { isVersionSettled, listedThroughAncestor } from './entity-version.js'
import type { JobContext } from './job-context.js'
import type { ProductJob } from './jobs.js'

/** Akeneo's maximum page size; a batch is one page. */
const AKENEO_PAGE = 100

type Kind = 'product' | 'product_model'
type Listed = AkeneoProduct | AkeneoProductModel

const idOf = (kind: Kind, entity: Listed): string => (kind === 'product' ? (entity as AkeneoProduct).uuid : (entity as AkeneoProductModel).code)

/**
 * `update-properties` / `update-mapped-properties`: products, then product models, updated
 * in the window (`updated >`, search_after, 100 a page). An entity whose recorded version
 * (its `updated` under this mapping, for this job) is the listed one is settled — unless a
 * variant was listed only because its parent model changed (`listedThroughAncestor`); the others
 * become tasks carrying the listed entity, or, in a dry run, are planned in-process.
 */
export async function replayProducts (ctx: JobContext, job: ProductJob): Promise<void> {
  const { run, deps, rec } = ctx
  const updatedAfter = new Date(run.windowStart)
  const listings: Array<[Kind, string, () => AsyncIterable<Listed>]> = [
    ['product', 'Akeneo products', () => deps.akeneo.searchProducts({ updatedAfter, limit: AKENEO_PAGE })],
    ['product_model', 'Akeneo product models', () => deps.akeneo.searchProductModels({ updatedAfter, limit: AKENEO_PAGE })]
  ]
  for (const [kind, name, list] of listings) {
    await rec.listing(name, async () => {
      for await (const batch of inBatches(list(), AKENEO_PAGE)) {
        ctx.signal?.throwIfAborted()
        const versions = await deps.store.versions.get(batch.map((entity) => akeneoTaskKey(kind, idOf(kind, entity))))
        const open: Listed[] = []
        for (const entity of batch) {
          rec.counts.listed++
          const settled = isVersionSettled(versions.get(akeneoTaskKey(kind, idOf(kind, entity))), entity, deps.mapping, job) &&
            !(kind === 'product' && listedThroughAncestor(entity, updatedAfter))
          if (settled) rec.counts.settled++
          else open.push(entity)
        }
        if (run.dryRun) await dryRun(ctx, kind, job, open)
        else {
          await rec.enqueue(open.map((entity) => rec.event({
            kind,
            entityKey: akeneoTaskKey(kind, idOf(kind, entity)),
            entityId: idOf(kind, entity),
            reason: replayReason(job),
            snapshot: JSON.stringify(entity)
          }, entity.updated ?? 'unknown')))
        }
      }
    })
  }
}

async function dryRun (ctx: JobContext, kind: Kind, job: ProductJob, entities: Listed[]): Promise<void> {
  const jobs = new Set([job])
  await eachLimited(entities, ctx.dryRunConcurrency, async (entity) => {
    const writes: PlannedWrite[] = []
    ctx.rec.counts.planned++
    try {
      await syncProduct(ctx.deps, kind, idOf(kind, entity), { listed: entity, dryRun: writes, jobs })
    } catch (error) {
      ctx.rec.addFailure(`${kind} ${idOf(kind, entity)}`, error)
    } finally {
      ctx.rec.addPlanned(writes)
    }
  })
  await ctx.rec.save()
}
