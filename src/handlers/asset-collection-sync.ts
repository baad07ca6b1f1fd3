import type { Asset, BynderClient } from '../clients/bynder/index.js'
import { collectionSlotKey, type AkeneoAssetRecord, type CollectionPlacementRecord, type CollectionSlot } from '../store/collection-registry.js'
import type { CollectionLink } from '../sync/collection-links.js'
import type { LinkTarget } from '../sync/link-plan-types.js'
import type { PlannedWrite } from '../sync/planned-write.js'
import { ensureAkeneoAsset } from './asset-collection-asset.js'
import type { LinkDeps } from './asset-handler.js'
import { applyCollectionEdits, type CollectionOutcome, type SlotEdit } from './asset-collection-writes.js'

export interface CollectionSyncInput {
  credentialCode: string
  assetId: string
  /** Null: the Bynder asset was deleted. */
  asset: Asset | null
  bynder: BynderClient
  desired: CollectionLink[]
  /** The link plan has blocking problems: nothing is unlinked (the fix may restore it). */
  keepUnplanned: boolean
  dryRun: PlannedWrite[] | undefined
  now: () => number
}

export type { CollectionOutcome } from './asset-collection-writes.js'

const slotOf = (link: { target: LinkTarget } & Omit<CollectionSlot, 'targetType' | 'targetCode'>): CollectionSlot =>
  ({ targetType: link.target.type, targetCode: link.target.code, attribute: link.attribute, locale: link.locale, scope: link.scope })

/**
 * Brings the asset's place in Akeneo asset collections in line with the plan: its Akeneo
 * asset made or updated (one upsert), its code put into each collection value at its sort
 * order, and removed from those this service put it in and the plan no longer names —
 * codes others put there stay (the registry says which are ours). Product writes go in one
 * bulk PATCH for all products and one for all models. On a Bynder delete, the Akeneo asset
 * itself is deleted only with `delete_akeneo_assets_on_bynder_delete`.
 */
export async function syncAssetCollections (deps: LinkDeps, input: CollectionSyncInput): Promise<CollectionOutcome> {
  const { store, akeneo, mapping } = deps
  const outcome: CollectionOutcome = { written: 0, unchanged: 0, unlinked: 0, waiting: 0, failures: [], notes: [] }
  let registered = await store.collections.forAsset(input.credentialCode, input.assetId)
  let records = await store.collections.assetsOf(input.credentialCode, input.assetId)
  if (input.desired.length === 0 && registered.length === 0 && (input.asset !== null || records.length === 0)) return outcome

  // Moved to a collection of another family: the code is taken there (codes are unique across families).
  const families = new Set(input.desired.map((link) => link.family))
  if (input.asset !== null && !input.keepUnplanned && [...families].some((family) => !records.some((r) => r.family === family))) {
    for (const record of records.filter((r) => !families.has(r.family))) {
      if (!await moveOut(deps, input, record, registered, outcome)) continue
      registered = registered.filter((row) => row.family !== record.family)
      records = records.filter((r) => r !== record)
    }
  }

  const codes = new Map<string, string>()
  const failedFamilies = new Set<string>()
  if (input.asset !== null) {
    for (const family of new Set(input.desired.map((link) => link.family))) {
      try {
        const made = await ensureAkeneoAsset({ deps, credentialCode: input.credentialCode, asset: input.asset, bynder: input.bynder, dryRun: input.dryRun, now: input.now }, family, records)
        codes.set(family, made.code)
        outcome.notes.push(...made.problems)
      } catch (error) {
        failedFamilies.add(family)
        outcome.failures.push(error)
      }
    }
  }

  const edits = new Map<string, SlotEdit>()
  for (const link of input.desired) {
    const code = codes.get(link.family)
    if (code !== undefined) edits.set(collectionSlotKey(slotOf(link)), { slot: slotOf(link), family: link.family, code, position: link.position, remove: false })
  }
  for (const row of registered) {
    const key = collectionSlotKey(row)
    if (edits.has(key) || input.keepUnplanned || failedFamilies.has(row.family)) continue
    edits.set(key, { slot: row, family: row.family, code: row.assetCode, position: row.position, remove: true })
  }

  await applyCollectionEdits(deps, input, edits.values(), outcome, registered)

  if (input.asset === null && mapping.delete_akeneo_assets_on_bynder_delete === true && outcome.failures.length === 0) {
    for (const record of records) {
      if (input.dryRun !== undefined) { input.dryRun.push({ system: 'akeneo', operation: 'delete_asset', entity: `asset ${record.assetCode}`, detail: `${record.family} (asset ${input.assetId} deleted in Bynder)` }); continue }
      await akeneo.deleteAsset(record.family, record.assetCode)
      await store.collections.removeAsset(input.credentialCode, input.assetId, record.family)
    }
  }
  return outcome
}

/**
 * Takes the Akeneo asset we made in `record.family` out of the collections we put it in,
 * then deletes it (the registry says it is ours), so its code is free for the new family.
 * False when a removal failed: then it stays, and the new family's upsert is refused by name.
 */
async function moveOut (deps: LinkDeps, input: CollectionSyncInput, record: AkeneoAssetRecord, registered: readonly CollectionPlacementRecord[],
  outcome: CollectionOutcome): Promise<boolean> {
  const failures = outcome.failures.length
  const rows = registered.filter((row) => row.family === record.family)
  await applyCollectionEdits(deps, input, rows.map((row) => ({ slot: row, family: row.family, code: row.assetCode, position: row.position, remove: true })), outcome, registered)
  if (outcome.failures.length > failures) return false
  if (input.dryRun !== undefined) {
    input.dryRun.push({ system: 'akeneo', operation: 'delete_asset', entity: `asset ${record.assetCode}`, detail: `${record.family} (asset ${input.assetId} moved to another asset family)` })
    return true
  }
  await deps.akeneo.deleteAsset(record.family, record.assetCode)
  await deps.store.collections.removeAsset(input.credentialCode, input.assetId, record.family)
  return true
}
