import type { AkeneoClient } from '../clients/akeneo/index.js'
import { targetKey, type TargetState } from '../sync/link-diff.js'
import type { LinkTarget } from '../sync/link-plan-types.js'

export interface ReadTarget {
  state: TargetState
  /** Product uuid (PATCH address) or product model code; null when the target is missing. */
  entityId: string | null
  /** EE's `metadata.workflow_status` for the connection's user; null on CE (no such rights). */
  workflowStatus: string | null
}

/**
 * Reads every product (by identifier: the upload addresses products that way) and product
 * model once, so the diff sees Akeneo's current values. Missing = null: never written to,
 * because a PATCH on an unknown entity would create it.
 */
export async function readTargets (akeneo: AkeneoClient, targets: Iterable<LinkTarget>): Promise<Map<string, ReadTarget>> {
  const unique = new Map<string, LinkTarget>()
  for (const target of targets) unique.set(targetKey(target), target)
  const read = new Map<string, ReadTarget>()
  await Promise.all([...unique].map(async ([key, target]) => {
    if (target.type === 'product') {
      const product = await akeneo.getProductByIdentifier(target.code)
      read.set(key, product === null ? { state: null, entityId: null, workflowStatus: null } : { state: { values: product.values }, entityId: product.uuid, workflowStatus: product.metadata?.workflow_status ?? null })
    } else {
      const model = await akeneo.getProductModel(target.code)
      read.set(key, model === null ? { state: null, entityId: null, workflowStatus: null } : { state: { values: model.values }, entityId: model.code, workflowStatus: model.metadata?.workflow_status ?? null })
    }
  }))
  return read
}
