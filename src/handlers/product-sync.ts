import type { AkeneoProduct, AkeneoProductModel } from '../clients/akeneo/index.js'
import type { BynderClient, MetapropertyIndex } from '../clients/bynder/index.js'
import { DEFAULT_CREDENTIAL_CODE } from '../config/credentials.js'
import type { LinkRecord } from '../store/link-registry.js'
import { enrichmentAttributes, type EnrichmentAttribute } from '../sync/enrichment-planner.js'
import type { PropertyProblem } from '../sync/metaproperty-change.js'
import type { PlannedWrite } from '../sync/planned-write.js'
import { assetUsages } from '../sync/asset-reference.js'
import type { CollectionPosition } from '../sync/collection-edit.js'
import type { UsageSlot } from '../sync/usage-slots.js'
import { collectionSlotKey, type CollectionSlot } from '../store/collection-registry.js'
import { usageSlots } from '../sync/usage-slots.js'
import { PRODUCT_JOBS, type ProductJob } from '../replay/jobs.js'
import { isRetryable, NonRetryableError } from '../worker/task-errors.js'
import type { LinkDeps } from './asset-handler.js'
import { writeWithLog } from './own-writes.js'
import { syncDeletedEntity } from './product-deleted.js'
import { describe, EntityReader, namingAssets, readEntity, refOf, type Entity } from './product-entities.js'
import { dryRunWrites, plannedChanges, type Candidate } from './product-plan.js'

export { PRODUCT_JOBS, type ProductJob }
export { identifierOf } from './product-entities.js'

export type EntityType = 'product' | 'product_model'
export interface EntityRef { type: EntityType, code: string }

export interface ProductDeps extends LinkDeps {
  /** Bynder credential codes whose portals are enriched (default: the `bynder` one). */
  credentialCodes?: readonly string[]
}

export interface SyncProductOptions {
  /** The product / model as a list page showed it (a replay): not read again. */
  listed?: AkeneoProduct | AkeneoProductModel
  /** Collect the Bynder writes instead of making them. */
  dryRun?: PlannedWrite[]
  /** Which Akeneo → Bynder jobs run (default both). */
  jobs?: ReadonlySet<ProductJob>
}

/** What one product sync did; the handler turns it into the task outcome. */
export interface ProductSyncResult {
  entity: EntityRef | null
  note: string
  /** Akeneo `updated` of the state that was synced (null for a deleted entity). */
  updated: string | null
}

interface SyncCounts { assets: number, written: number, unchanged: number, optionsCreated: number }

/** What every portal's step of one sync shares: the entity, what to run, and what it found so far. */
interface SyncRun {
  deps: ProductDeps
  options: SyncProductOptions
  jobs: ReadonlySet<ProductJob>
  entity: Entity
  ref: EntityRef
  reader: EntityReader
  wantedAttributes: readonly string[]
  attributes: ReadonlyMap<string, EnrichmentAttribute>
  registry: readonly LinkRecord[]
  counts: SyncCounts
  problems: PropertyProblem[]
  failures: unknown[]
}

/**
 * update-properties and update-mapped-properties for one product or product model, for
 * every configured Bynder portal: find the assets it uses (link registry, media ids in its
 * text values, Bynder's identifier filter), plan the metaproperty values each should hold,
 * and post only what differs — nothing when nothing changed, which is what ends the echo
 * of our own writes. A missing entity is a deletion (`syncDeletedEntity`).
 */
export async function syncProduct (deps: ProductDeps, kind: EntityType, entityId: string, options: SyncProductOptions = {}): Promise<ProductSyncResult> {
  const jobs = options.jobs ?? PRODUCT_JOBS
  const reader = new EntityReader(deps)
  const entity = await readEntity(deps, kind, entityId, options.listed)
  if (entity === null) return await syncDeletedEntity(deps, kind, entityId, options)
  const ref = await refOf(entity, deps.akeneo.identifierAttribute)
  if (ref === null) return { entity: null, note: `product ${entityId} has no identifier: assets cannot name it`, updated: entity.value.updated ?? null }
  reader.seed(entity, ref)

  const wantedAttributes = jobs.has('update-mapped-properties') ? enrichmentAttributes(deps.mapping) : []
  const attributes = await deps.akeneo.getAttributes(wantedAttributes)
  const run: SyncRun = {
    deps, options, jobs, entity, ref, reader, wantedAttributes, attributes,
    registry: await deps.store.links.forTarget(ref.type, ref.code),
    counts: { assets: 0, written: 0, unchanged: 0, optionsCreated: 0 },
    problems: [],
    failures: []
  }
  for (const credentialCode of deps.credentialCodes ?? [DEFAULT_CREDENTIAL_CODE]) {
    const bynder = deps.bynder(credentialCode)
    const metaproperties = await bynder.getMetaproperties()
    const candidates = await findCandidates(run, credentialCode, bynder, metaproperties)
    await writeCandidates(run, credentialCode, bynder, metaproperties, candidates)
  }
  return outcome(run)
}

/**
 * The assets of one portal this sync may write to: those a usage slot of the entity refers
 * to (update-properties), and for enrichment also those linked to it in the registry or in
 * its asset collections and those Bynder's identifier filter says name it.
 */
async function findCandidates (run: SyncRun, credentialCode: string, bynder: BynderClient, metaproperties: MetapropertyIndex): Promise<Map<string, Candidate>> {
  const { deps, jobs, entity, ref, wantedAttributes } = run
  const candidates = new Map<string, Candidate>()
  const candidate = (assetId: string): Candidate => {
    let found = candidates.get(assetId)
    if (found === undefined) candidates.set(assetId, found = { assetId, asset: null, slots: [], enrich: false })
    return found
  }
  const rows = run.registry.filter((row) => row.credentialCode === credentialCode)

  const enrich = jobs.has('update-mapped-properties') && wantedAttributes.length > 0
  const assetTypes = new Set(metaproperties.byName.get(deps.mapping.metaproperty_mappings.asset_type)?.optionsByName.keys() ?? [])
  const slots = usageSlots(entity.value.values, deps.mapping, assetTypes)
  // A bare media id or asset code names no portal: it belongs to every configured one that has it.
  const recorded = await recordedPositions(deps, ref, slots)
  const usages = assetUsages(slots, rows, deps.mapping, (slot) => recorded.get(collectionSlotKey(collectionSlotOf(ref, slot))) ?? NO_RECORDED_POSITIONS)
    .filter(({ reference }) => reference.credentialCode === null || reference.credentialCode === credentialCode)

  if (jobs.has('update-properties')) {
    for (const { slot, reference } of usages) {
      const found = candidate(reference.assetId)
      found.slots.push(slot)
      // Once it names this entity it is one of its assets: enrich it in the same post.
      found.enrich ||= enrich
    }
  }
  if (enrich) {
    for (const row of rows) if (row.status === 'linked') candidate(row.assetId).enrich = true
    // An asset in one of the entity's collections is linked to it, whoever put it there.
    for (const { slot, reference } of usages) if (slot.inCollection === true) candidate(reference.assetId).enrich = true
    // Archived assets are linked nowhere while archiving unlinks: no need to enrich them.
    const archive = deps.mapping.asset_unlink_after_archiving ? false : 'any'
    for await (const asset of namingAssets(bynder, deps.mapping, metaproperties, ref, archive)) {
      const found = candidate(asset.id)
      found.asset = asset
      found.enrich = true
    }
  }
  return candidates
}

// Until the collection registry (store.collections) is read here, an asset this service placed
// reports its index in the collection as its sort order, not the position it was placed for.
const NO_RECORDED_POSITIONS: ReadonlyMap<string, CollectionPosition> = new Map()

const collectionSlotOf = (ref: EntityRef, slot: UsageSlot): CollectionSlot =>
  ({ targetType: ref.type, targetCode: ref.code, attribute: slot.attribute, locale: slot.locale, scope: slot.scope })

/**
 * The sort orders this service placed its codes at, per collection value of the entity: a code
 * placed at 5 in a collection of two sits at index 2 and still reports 5 (collection-usage.ts).
 */
async function recordedPositions (deps: ProductDeps, ref: EntityRef, slots: readonly UsageSlot[]): Promise<Map<string, ReadonlyMap<string, CollectionPosition>>> {
  const positions = new Map<string, ReadonlyMap<string, CollectionPosition>>()
  for (const slot of slots) {
    if (!Array.isArray(slot.data)) continue
    const collection = collectionSlotOf(ref, slot)
    const placed = await deps.store.collections.inCollection(collection)
    positions.set(collectionSlotKey(collection), new Map(placed.map((row) => [row.assetCode, row.position])))
  }
  return positions
}

/** Plans and writes each candidate; a failure is kept for the outcome and the others go on. */
async function writeCandidates (run: SyncRun, credentialCode: string, bynder: BynderClient, metaproperties: MetapropertyIndex,
  candidates: ReadonlyMap<string, Candidate>): Promise<void> {
  const { deps, options, reader, ref, attributes, counts } = run
  for (const found of candidates.values()) {
    try {
      // Planned over what this service itself last posted (Bynder applies posts late).
      const written = await writeWithLog({
        store: deps.store,
        credentialCode,
        bynder,
        assetId: found.assetId,
        asset: found.asset,
        mapping: deps.mapping,
        dryRun: options.dryRun !== undefined,
        now: deps.now ?? Date.now,
        plan: async (asset, planProblems) => await plannedChanges({ deps, reader, ref, attributes, metaproperties, found: { ...found, asset }, problems: planProblems })
      })
      if (written.asset === null) continue // deleted in Bynder since: its own event unlinks it
      counts.assets++
      run.problems.push(...written.problems)
      const outcome = written.outcome
      if (outcome === null) { counts.unchanged++; continue }
      counts.optionsCreated += outcome.createdOptions.length
      if (outcome.posted) counts.written++
      else counts.unchanged++
      options.dryRun?.push(...dryRunWrites(found.assetId, outcome))
    } catch (error) {
      run.failures.push(error)
    }
  }
}

/** The summary; a retryable failure is thrown to be retried, the others end the task as one error. */
function outcome (run: SyncRun): ProductSyncResult {
  const { counts, failures, problems, ref } = run
  const summary = `${describe(ref)}: ${counts.assets} assets, ${counts.written} written, ${counts.unchanged} unchanged` +
    (counts.optionsCreated > 0 ? `, ${counts.optionsCreated} options created` : '')
  const retry = failures.find(isRetryable)
  if (retry !== undefined) throw retry
  const notes = [...new Set(problems.map((problem) => problem.message))]
  if (failures.length > 0) {
    throw new NonRetryableError(`${summary}; ${failures.map((error) => error instanceof Error ? error.message : String(error)).join('; ')}`)
  }
  return { entity: ref, note: notes.length === 0 ? summary : `${summary}; ${notes.join('; ')}`, updated: run.entity.value.updated ?? null }
}
