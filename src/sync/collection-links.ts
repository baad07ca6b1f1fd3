import { resolveAssetType } from './asset-type.js'
import type { AttributeMeta, LinkMapping, LinkTarget, PlannableAsset, PlanProblem } from './link-plan-types.js'
import { propertyValues } from './placement.js'
import { parseSortOrder } from './sort-order.js'

export const ASSET_COLLECTION_TYPE = 'pim_catalog_asset_collection'

/** An attribute as `GET /attributes/{code}` shows it; collections name their asset family. */
export type CollectionAttributeMeta = AttributeMeta & { reference_data_name?: string | null }

/** One collection value the asset belongs in: the code goes there at `position` (null: appended). */
export interface CollectionLink {
  target: LinkTarget
  attribute: string
  locale: string | null
  scope: string | null
  family: string
  position: number | null
}

export const isCollection = (meta: AttributeMeta | undefined): boolean => meta?.type === ASSET_COLLECTION_TYPE

/**
 * The asset collections an asset belongs in: for each asset-type value naming (directly or
 * through asset_type_metaproperty_options_mappings) a `pim_catalog_asset_collection`
 * attribute, every product and model the asset names. The sort-order metaproperty
 * (`metaproperty_mappings.sort_order`) is the asset's position in the collection. Archived
 * with `asset_unlink_after_archiving`: nowhere. Other attribute types are `planLinks`' part.
 */
export function planCollectionLinks (asset: PlannableAsset, mapping: LinkMapping, lookup: (code: string) => CollectionAttributeMeta | undefined,
  targets: readonly LinkTarget[]): { links: CollectionLink[], problems: PlanProblem[] } {
  if (asset.archive && mapping.asset_unlink_after_archiving) return { links: [], problems: [] }
  const links: CollectionLink[] = []
  const problems: PlanProblem[] = []
  const problem = (code: PlanProblem['code'], attribute: string, text: string, mappingKey: string): void => {
    problems.push({ code, assetId: asset.id, attribute, message: `asset ${asset.id}: ${text} (mapping key: ${mappingKey})`, mappingKey })
  }
  const sortProperty = mapping.metaproperty_mappings.sort_order
  for (const value of new Set(propertyValues(asset, mapping.metaproperty_mappings.asset_type))) {
    for (const candidate of resolveAssetType(value, mapping)) {
      const meta = lookup(candidate.attribute)
      if (meta === undefined || !isCollection(meta)) continue
      const family = meta.reference_data_name
      if (typeof family !== 'string' || family === '') { problem('attribute_missing', meta.code, `asset collection ${meta.code} names no asset family`, 'metaproperty_mappings.asset_type'); continue }
      const locale = meta.localizable ? mapping.asset_attribute_locale_mappings?.[meta.code] : null
      if (locale === undefined) { problem('locale_required', meta.code, `attribute ${meta.code} is localizable: say which locale to fill`, `asset_attribute_locale_mappings.${meta.code}`); continue }
      const scope = meta.scopable ? mapping.asset_attribute_channel_mappings?.[meta.code] : null
      if (scope === undefined) { problem('channel_required', meta.code, `attribute ${meta.code} is scopable: say which channel to fill`, `asset_attribute_channel_mappings.${meta.code}`); continue }
      const sort = sortProperty === undefined ? { ok: true as const, position: null } : parseSortOrder(propertyValues(asset, sortProperty))
      if (!sort.ok) { problem('invalid_sort_order', meta.code, `${sort.reason} in metaproperty ${String(sortProperty)}`, 'metaproperty_mappings.sort_order'); continue }
      for (const target of targets) links.push({ target, attribute: meta.code, locale, scope, family, position: sort.position })
    }
  }
  return { links, problems }
}
