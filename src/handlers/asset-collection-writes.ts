import { collectionSlotKey, type CollectionPlacementRecord, type CollectionSlot } from '../store/collection-registry.js'
import { placeInCollection, removeFromCollection, type CollectionPosition } from '../sync/collection-edit.js'
import { currentValue, targetKey } from '../sync/link-diff.js'
import type { LinkTarget } from '../sync/link-plan-types.js'
import { NonRetryableError } from '../worker/task-errors.js'
import type { LinkDeps } from './asset-handler.js'
import type { CollectionSyncInput } from './asset-collection-sync.js'
import { draftedError, mayBecomeDraft, refuseUnowned } from './draft-guard.js'
import { readTargetsBatched, type ReadTarget } from './link-targets.js'
import { withTargetLocks } from './target-locks.js'

export interface SlotEdit { slot: CollectionSlot, family: string, code: string, position: CollectionPosition, remove: boolean }
export interface CollectionOutcome {
  written: number, unchanged: number, unlinked: number, waiting: number, failures: unknown[]
  /** Asset values left out (a mapped attribute missing, a value Akeneo refused): the rest was written and linked. */
  notes: string[]
}

type CollectionValue = { locale: string | null, scope: string | null, data: string[] }
const targetOf = (slot: CollectionSlot): LinkTarget => ({ type: slot.targetType, code: slot.targetCode })
const describeSlot = (s: CollectionSlot): string => `${s.attribute}${s.locale === null ? '' : ` [${s.locale}]`}${s.scope === null ? '' : ` <${s.scope}>`}`

/**
 * Applies collection edits: reads each product and model once, edits its arrays from what
 * Akeneo holds now and what the registry says is ours, writes all products in one bulk
 * PATCH and all models in another, then records what landed. Each target is locked from its
 * read to its record, so concurrent assets into one collection do not drop each other's code.
 */
export async function applyCollectionEdits (deps: LinkDeps, input: CollectionSyncInput, edits: Iterable<SlotEdit>, outcome: CollectionOutcome,
  registered: readonly CollectionPlacementRecord[]): Promise<void> {
  const byTarget = new Map<string, SlotEdit[]>()
  for (const edit of edits) byTarget.set(targetKey(edit.slot), [...(byTarget.get(targetKey(edit.slot)) ?? []), edit])
  if (byTarget.size === 0) return
  const run = async (): Promise<void> => { await applyLocked(deps, input, byTarget, outcome, registered) }
  await (input.dryRun === undefined ? withTargetLocks(deps.store.targetLeases, byTarget.keys(), run) : run())
}

async function applyLocked (deps: LinkDeps, input: CollectionSyncInput, byTarget: Map<string, SlotEdit[]>, outcome: CollectionOutcome,
  registered: readonly CollectionPlacementRecord[]): Promise<void> {
  const { store, akeneo } = deps
  const reads: Map<string, ReadTarget> = await readTargetsBatched(akeneo, [...byTarget.values()].map((list) => targetOf((list[0] as SlotEdit).slot)))
  const products: Array<{ uuid: string, values: Record<string, unknown[]> }> = []
  const models: Array<{ code: string, values: Record<string, unknown[]> }> = []
  const productKeys: string[] = []
  const modelKeys: string[] = []
  const pending = new Map<string, { edits: SlotEdit[], changed: SlotEdit[], missing?: true }>()
  // EE targets whose write may become a draft and that hold no confirmed placement yet: read back after the write.
  const toConfirm = new Map<string, LinkTarget>()
  for (const [key, list] of byTarget) {
    const read = reads.get(key)
    const target = targetOf((list[0] as SlotEdit).slot)
    // A missing product or model gets nothing (a PATCH would create it): the placement waits for
    // its creation (as media links do), a removal from it is forgotten.
    if (read?.state == null) { pending.set(key, { edits: list, changed: [], missing: true }); continue }
    const values: Record<string, CollectionValue[]> = {}
    const changed: SlotEdit[] = []
    let confirmed = false
    for (const edit of list) {
      const { attribute, locale, scope } = edit.slot
      const planned = values[attribute]?.find((v) => v.locale === locale && v.scope === scope)
      const now = planned?.data ?? currentValue(read.state.values, attribute, locale, scope)
      const current = Array.isArray(now) ? now.filter((c): c is string => typeof c === 'string') : []
      const ours = new Map((await store.collections.inCollection(edit.slot)).map((r) => [r.assetCode, r.position] as const))
      if (ours.size > 0) confirmed = true
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
    if (mayBecomeDraft(read) && !confirmed && changed.some((edit) => !edit.remove)) toConfirm.set(key, target)
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
    await confirmPlacements(deps, [...toConfirm].filter(([key]) => !refused.has(key)), pending, refused, outcome)
  }

  const before = new Map(registered.map((row) => [collectionSlotKey(row), row]))
  for (const [key, { edits: list, changed, missing }] of pending) {
    if (refused.has(key)) continue
    for (const edit of list) {
      const wasChanged = changed.includes(edit)
      if (edit.remove) { if (wasChanged) outcome.unlinked++ } else if (missing === true) outcome.waiting++; else if (wasChanged) outcome.written++; else outcome.unchanged++
      if (input.dryRun !== undefined) continue
      if (edit.remove) { await store.collections.remove(input.credentialCode, input.assetId, edit.slot); continue }
      // This version is the placement's once written, or checked in a task where nothing failed (as the link registry's markVerified).
      const previous = before.get(collectionSlotKey(edit.slot))?.assetDateModified ?? null
      const version = wasChanged || outcome.failures.length === 0 ? input.asset?.dateModified ?? null : previous
      await store.collections.save({
        credentialCode: input.credentialCode, assetId: input.assetId, assetCode: edit.code, family: edit.family, ...edit.slot,
        position: edit.position, assetDateModified: version, status: missing === true ? 'waiting' : 'linked', updatedAt: input.now()
      })
    }
  }
}

/**
 * EE: an edit-only user without a draft yet reads `working_copy` and the bulk PATCH answers
 * 204 per line, yet only a draft is saved (draft-guard.ts). The first placement into a target
 * is read back (products together in one search, as before the write): a code not in its
 * collection fails that target and is not recorded.
 */
async function confirmPlacements (deps: LinkDeps, targets: Array<[string, LinkTarget]>, pending: Map<string, { changed: SlotEdit[] }>,
  refused: Set<string>, outcome: CollectionOutcome): Promise<void> {
  if (targets.length === 0) return
  const reads = await readTargetsBatched(deps.akeneo, targets.map(([, target]) => target))
  for (const [key, target] of targets) {
    const values = reads.get(key)?.state?.values ?? {}
    const holds = (edit: SlotEdit): boolean => {
      const data = currentValue(values, edit.slot.attribute, edit.slot.locale, edit.slot.scope)
      return Array.isArray(data) && data.includes(edit.code)
    }
    if ((pending.get(key)?.changed ?? []).every((edit) => edit.remove || holds(edit))) continue
    refused.add(key)
    outcome.failures.push(draftedError(target))
  }
}
