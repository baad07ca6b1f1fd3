import type { CollectionPosition } from './collection-edit.js'
import { collectionUsages, type CollectionUsageMapping } from './collection-usage.js'
import type { UsageSlot } from './usage-slots.js'

/**
 * Which Bynder asset an entity's link value refers to (update-properties): the link registry
 * row this service recorded when it wrote the value, else a Bynder media id in the text.
 */

// Not preceded / followed by a letter or digit, so an id inside a longer hex run is not one.
const UUID = /(?<![0-9A-Za-z])[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}(?![0-9A-Za-z])/
const V4_ID = /(?<![0-9A-Za-z])[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{16}(?![0-9A-Za-z])/
const ID = new RegExp(`${V4_ID.source}|${UUID.source}`, 'g')
const MEDIA_ID_PARAM = new RegExp(`[?&]mediaId=(${V4_ID.source}|${UUID.source})`, 'i')

/**
 * The Bynder media id a text value refers to: a bare v4 id (8-4-4-16 hex, e.g.
 * `0E242B12-0609-4310-90F58FD42E051771`) or a standard UUID, or a URL containing one
 * (`https://x.bynder.com/media/?mediaId=<id>`, `…/m/<id>/…`). A `mediaId=` parameter wins
 * over other ids in the text; otherwise the first id. Case is kept as found (Bynder ids
 * are compared exactly). null when none.
 */
export function mediaIdIn (text: string): string | null {
  const param = MEDIA_ID_PARAM.exec(text)
  if (param?.[1] !== undefined) return param[1]
  return text.match(ID)?.[0] ?? null
}

export type AssetReference = { assetId: string, credentialCode: string | null, via: 'registry' | 'media_id' | 'asset_code' }

export interface UsageRegistryRow {
  attribute: string
  locale: string | null
  scope: string | null
  status: string
  value: string | null
  assetId: string
  credentialCode: string
}

/**
 * Which asset a slot's value refers to. A registry row of this entity (the caller passes
 * the entity's rows) in the same attribute/locale/scope, status `linked`, whose value equals
 * the data exactly (the media file code or URL the connector wrote) wins: the value is
 * still the one import-assets put there. Otherwise a string value containing a media id
 * (credentialCode null: the caller decides which portal). null when neither, e.g. a file
 * uploaded by hand in Akeneo: there is no Bynder asset to update.
 */
export function referenceOf (slot: UsageSlot, registryRows: ReadonlyArray<UsageRegistryRow>): AssetReference | null {
  if (typeof slot.data !== 'string') return null
  const row = registryRows.find((r) => r.status === 'linked' && r.attribute === slot.attribute && r.locale === slot.locale &&
    r.scope === slot.scope && r.value !== null && r.value === slot.data)
  if (row !== undefined) return { assetId: row.assetId, credentialCode: row.credentialCode, via: 'registry' }
  const assetId = mediaIdIn(slot.data)
  return assetId === null ? null : { assetId, credentialCode: null, via: 'media_id' }
}

/** An asset a usage slot refers to, with the slot it is planned in. */
export interface AssetUsage {
  slot: UsageSlot
  reference: AssetReference
}

/**
 * The asset each usage slot refers to: a media file or URL one asset (`referenceOf`), an
 * asset collection each Bynder asset it holds, at its position (`collectionUsages`, with
 * `ours(slot)` the positions this service recorded for that collection value).
 */
export function assetUsages (
  slots: readonly UsageSlot[], registryRows: ReadonlyArray<UsageRegistryRow>, mapping: CollectionUsageMapping,
  ours: (slot: UsageSlot) => ReadonlyMap<string, CollectionPosition>
): AssetUsage[] {
  const usages: AssetUsage[] = []
  for (const slot of slots) {
    if (Array.isArray(slot.data)) {
      usages.push(...collectionUsages(slot, mapping, ours(slot)))
      continue
    }
    const reference = referenceOf(slot, registryRows)
    if (reference !== null) usages.push({ slot, reference })
  }
  return usages
}
