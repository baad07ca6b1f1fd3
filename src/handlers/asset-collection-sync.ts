import type { Asset, BynderClient } from '../clients/bynder/index.js'
import { collectionSlotKey, type CollectionPlacementRecord, type CollectionSlot } from '../store/collection-registry.js'
import { placeInCollection, removeFromCollection, type CollectionPosition } from '../sync/collection-edit.js'
import type { CollectionLink } from '../sync/collection-links.js'
import { targetKey } from '../sync/link-diff.js'
import type { LinkTarget } from '../sync/link-plan-types.js'
import type { PlannedWrite } from '../sync/planned-write.js'
import { NonRetryableError } from '../worker/task-errors.js'
import { ensureAkeneoAsset } from './asset-collection-asset.js'
import type { LinkDeps } from './asset-handler.js'
import { refuseUnowned } from './draft-guard.js'
import { readTargetsBatched, type ReadTarget } from './link-targets.js'

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

export interface CollectionOutcome { written: number, unchanged: number, unlinked: number, failures: unknown[] }

interface SlotEdit { slot: CollectionSlot, family: string, code: string, position: CollectionPosition, remove: boolean }

const slotOf = (link: { target: LinkTarget } & Omit<CollectionSlot, 'targetType' | 'targetCode'>): CollectionSlot =>
  ({ targetType: link.target.type, targetCode: link.target.code, attribute: link.attribute, locale: link.locale, scope: link.scope })
const targetOf = (slot: CollectionSlot): LinkTarget => ({ type: slot.targetType, code: slot.targetCode })
const describeSlot = (s: CollectionSlot): string => `${s.attribute}${s.locale === null ? '' : ` [${s.locale}]`}${s.scope === null ? '' : ` <${s.scope}>`}`

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
  const outcome: CollectionOutcome = { written: 0, unchanged: 0, unlinked: 0, failures: [] }
  const registered = await store.collections.forAsset(input.credentialCode, input.assetId)
  const records = await store.collections.assetsOf(input.credentialCode, input.assetId)
  if (input.desired.length === 0 && registered.length === 0 && (input.asset !== null || records.length === 0)) return outcome

  const codes = new Map<string, string>()
  const failedFamilies = new Set<string>()
  if (input.asset !== null) {
    for (const family of new Set(input.desired.map((link) => link.family))) {
      try {
        const made = await ensureAkeneoAsset({ deps, credentialCode: input.credentialCode, asset: input.asset, bynder: input.bynder, dryRun: input.dryRun, now: input.now }, family, records)
        codes.set(family, made.code)
        for (const problem of made.problems) outcome.failures.push(new NonRetryableError(problem))
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

  const byTarget = new Map<string, SlotEdit[]>()
  for (const edit of edits.values()) byTarget.set(targetKey(edit.slot), [...(byTarget.get(targetKey(edit.slot)) ?? []), edit])
  const reads: Map<string, ReadTarget> = byTarget.size === 0 ? new Map() : await readTargetsBatched(akeneo, [...byTarget.values()].map((list) => targetOf((list[0] as SlotEdit).slot)))

  const products: Array<{ uuid: string, values: Record<string, unknown[]> }> = []
  const models: Array<{ code: string, values: Record<string, unknown[]> }> = []
  const productKeys: string[] = []
  const modelKeys: string[] = []
  const pending = new Map<string, { edits: SlotEdit[], changed: SlotEdit[] }>()
  for (const [key, list] of byTarget) {
    const read = reads.get(key)
    const target = targetOf((list[0] as SlotEdit).slot)
    // A missing product or model gets nothing (a PATCH would create it); a removal from it is forgotten.
    if (read?.state == null) { pending.set(key, { edits: list.filter((e) => e.remove), changed: [] }); continue }
    const values: Record<string, Array<{ locale: string | null, scope: string | null, data: string[] }>> = {}
    const changed: SlotEdit[] = []
    for (const edit of list) {
      const { attribute, locale, scope } = edit.slot
      const planned = values[attribute]?.find((v) => v.locale === locale && v.scope === scope)
      const now = planned?.data ?? read.state.values[attribute]?.find((v) => v.locale === locale && v.scope === scope)?.data
      const current = Array.isArray(now) ? now.filter((c): c is string => typeof c === 'string') : []
      const ours = new Map((await store.collections.inCollection(edit.slot)).map((r) => [r.assetCode, r.position] as const))
      const result = edit.remove ? removeFromCollection(current, ours, [edit.code]) : placeInCollection({ current, ours, code: edit.code, position: edit.position })
      if (!result.changed) continue
      changed.push(edit)
      if (planned !== undefined) planned.data = result.data
      else (values[attribute] ??= []).push({ locale, scope, data: result.data })
    }
    pending.set(key, { edits: list, changed })
    if (changed.length === 0) continue
    if (input.dryRun !== undefined) {
      for (const edit of changed) {
        input.dryRun.push({
          system: 'akeneo', operation: edit.remove ? 'unlink' : 'patch', entity: `${target.type} ${target.code}`,
          detail: `${describeSlot(edit.slot)} ${edit.remove ? '−' : '←'} ${edit.code} (asset ${input.assetId}${edit.position === null ? '' : `, sort order ${edit.position}`})`
        })
      }
      continue
    }
    try { refuseUnowned(target, read) } catch (error) { outcome.failures.push(error); pending.delete(key); continue }
    if (target.type === 'product') { products.push({ uuid: read.entityId as string, values }); productKeys.push(key) } else { models.push({ code: target.code, values }); modelKeys.push(key) }
  }

  const refused = new Set<string>()
  if (input.dryRun === undefined) {
    const [productResults, modelResults] = await Promise.all([
      products.length === 0 ? [] : akeneo.patchProducts(products),
      models.length === 0 ? [] : akeneo.patchProductModels(models)
    ])
    const check = (results: Array<{ line: number, status_code: number, message?: string, errors?: Array<{ message: string }> }>, keys: string[]): void => {
      for (const result of results) {
        if (result.status_code < 300) continue
        const key = keys[result.line - 1] ?? 'a target'
        refused.add(key)
        const details = (result.errors ?? []).map((e) => e.message).join(' ')
        outcome.failures.push(new NonRetryableError(`asset ${input.assetId}: Akeneo refused the collection write to ${key}: ${result.message ?? result.status_code} ${details}`.trim()))
      }
    }
    check(productResults, productKeys)
    check(modelResults, modelKeys)
  }

  for (const [key, { edits: list, changed }] of pending) {
    if (refused.has(key)) continue
    for (const edit of list) {
      const wasChanged = changed.includes(edit)
      if (edit.remove) { if (wasChanged) outcome.unlinked++ } else if (wasChanged) outcome.written++; else outcome.unchanged++
      if (input.dryRun !== undefined) continue
      if (edit.remove) await store.collections.remove(input.credentialCode, input.assetId, edit.slot)
      else await store.collections.save(placement(input, edit))
    }
  }

  if (input.asset === null && mapping.delete_akeneo_assets_on_bynder_delete === true && outcome.failures.length === 0) {
    for (const record of records) {
      if (input.dryRun !== undefined) { input.dryRun.push({ system: 'akeneo', operation: 'delete_asset', entity: `asset ${record.assetCode}`, detail: `${record.family} (asset ${input.assetId} deleted in Bynder)` }); continue }
      await akeneo.deleteAsset(record.family, record.assetCode)
      await store.collections.removeAsset(input.credentialCode, input.assetId, record.family)
    }
  }
  return outcome
}

function placement (input: CollectionSyncInput, edit: SlotEdit): CollectionPlacementRecord {
  return { credentialCode: input.credentialCode, assetId: input.assetId, assetCode: edit.code, family: edit.family, ...edit.slot, position: edit.position, updatedAt: input.now() }
}
