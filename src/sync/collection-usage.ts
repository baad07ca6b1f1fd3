import { bynderIdFromAssetCode } from './asset-code.js'
import { placeInCollection, type CollectionPosition } from './collection-edit.js'

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
