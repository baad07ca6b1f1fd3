import type { Mapping } from '../config/mapping-schema.js'
import { bynderIdFromAssetCode } from './asset-code.js'
import type { AssetUsage } from './asset-reference.js'
import { placeInCollection, type CollectionPosition } from './collection-edit.js'
import type { UsageSlot } from './usage-slots.js'

/** A Bynder asset a collection holds, recognised by the code this service gives its assets. */
export interface CollectedAsset {
  bynderId: string
  code: string
  /** 1-based index in the whole collection: the sort order that puts it back there. */
  sortOrder: number
}

/**
 * The Bynder assets one collection value holds (update-properties reads collections too):
 * codes made by `assetCodeFor`, whoever linked them — an asset this service created and
 * someone linked by hand makes the Bynder asset name that product. Other codes are not
 * Bynder's and are skipped. The sort order counts every code, foreign ones included, so
 * that `placeInCollection` with it keeps the asset where it is.
 */
export function assetsInCollection (data: unknown): CollectedAsset[] {
  if (!Array.isArray(data)) return []
  const found: CollectedAsset[] = []
  const seen = new Set<string>()
  data.forEach((code: unknown, index) => {
    if (typeof code !== 'string' || seen.has(code)) return
    seen.add(code)
    const bynderId = bynderIdFromAssetCode(code)
    if (bynderId !== undefined) found.push({ bynderId, code, sortOrder: index + 1 })
  })
  return found
}

export interface CollectionValue { locale: string | null, scope: string | null, data: unknown }

/**
 * The assets of the collection value for one (locale, scope) of a product's attribute —
 * the one the mapping links into (`asset_attribute_locale_mappings` / `_channel_`), null
 * for an attribute that is neither localizable nor scopable.
 */
export function assetsInCollectionValue (values: readonly CollectionValue[] | undefined, locale: string | null, scope: string | null): CollectedAsset[] {
  const value = values?.find((v) => v.locale === locale && v.scope === scope)
  return value === undefined ? [] : assetsInCollection(value.data)
}

/**
 * The sort order to report to Bynder for a collected asset. When this service placed it
 * (`ours`) and placing it again at the recorded position leaves the collection as it is,
 * the recorded position stands — sort order 5 in a collection of two sits at index 2, and
 * reporting 3 would rewrite the Bynder value for nothing. Otherwise (linked or moved by
 * hand) its index in the collection is the truth. Null: placed without a sort order and
 * still where it was put — there is no sort order to report.
 */
export function reportedSortOrder (current: readonly string[], ours: ReadonlyMap<string, CollectionPosition>, asset: CollectedAsset): number | null {
  if (ours.has(asset.code)) {
    const recorded = ours.get(asset.code) ?? null
    if (!placeInCollection({ current, ours, code: asset.code, position: recorded }).changed) return recorded
  }
  return asset.sortOrder
}

/** The mapping keys `collectionUsages` reads. */
export type CollectionUsageMapping = Pick<Mapping, 'metaproperty_mappings' | 'asset_attribute_locale_mappings' | 'asset_attribute_channel_mappings'>

/**
 * The Bynder assets a collection value in a link attribute holds (the slot's `data` is the
 * array of codes), each as a slot of its own: its code as `data`, `inCollection`, the sort
 * order `reportedSortOrder` gives it, written to `metaproperty_mappings.sort_order`. Only
 * the value import-assets links into is read — the mapped locale / channel of the attribute
 * (`asset_attribute_locale_mappings` / `_channel_`), or the one value of an attribute that
 * is neither localizable nor scopable — because a position is a sort order only there.
 * `ours`: the codes this service placed in this collection value, with their recorded
 * positions (empty: every position is the asset's index). The reference names no portal
 * (`credentialCode` null): as with a media id, every configured portal that has the asset.
 */
export function collectionUsages (slot: UsageSlot, mapping: CollectionUsageMapping, ours: ReadonlyMap<string, CollectionPosition>): AssetUsage[] {
  if (!Array.isArray(slot.data)) return []
  if (!isLinkedValue(slot.locale, mapping.asset_attribute_locale_mappings, slot.attribute)) return []
  if (!isLinkedValue(slot.scope, mapping.asset_attribute_channel_mappings, slot.attribute)) return []
  const current = slot.data.filter((code): code is string => typeof code === 'string')
  return assetsInCollection(slot.data).map((asset) => ({
    slot: {
      ...slot,
      data: asset.code,
      sortOrder: reportedSortOrder(current, ours, asset),
      sortMetaproperty: mapping.metaproperty_mappings.sort_order ?? null,
      inCollection: true
    },
    reference: { assetId: asset.bynderId, credentialCode: null, via: 'asset_code' }
  }))
}

/** A value without a locale (scope) belongs to a non-localizable attribute; one with it, to the mapped one only. */
function isLinkedValue (part: string | null, mapped: Readonly<Record<string, string>> | undefined, attribute: string): boolean {
  if (part === null) return true
  return mapped !== undefined && Object.hasOwn(mapped, attribute) && mapped[attribute] === part
}
