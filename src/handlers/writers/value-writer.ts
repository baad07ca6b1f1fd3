import type { AkeneoClient } from '../../clients/akeneo/index.js'

export interface ValueSlot {
  targetType: 'product' | 'product_model'
  /** Product uuid (PATCH goes through the uuid endpoint) or product model code. */
  entityId: string
  attribute: string
  locale: string | null
  scope: string | null
}

/**
 * One value by PATCH: a URL into a text/textarea attribute, or `null` to unlink. Akeneo
 * merges per (attribute, locale, scope), so nothing else of the entity is touched. Callers
 * only pass entities they have just read: a PATCH on an unknown uuid/code would create it.
 */
export async function patchValue (akeneo: AkeneoClient, slot: ValueSlot, data: string | null): Promise<void> {
  const body = { values: { [slot.attribute]: [{ locale: slot.locale, scope: slot.scope, data }] } }
  if (slot.targetType === 'product') await akeneo.patchProduct(slot.entityId, body)
  else await akeneo.patchProductModel(slot.entityId, body)
}
