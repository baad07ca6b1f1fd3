import type { Mapping } from '../config/mapping-schema.js'
import type { PlannableAsset } from './link-plan-types.js'

/**
 * What the asset planners need of an Akeneo asset attribute
 * (`GET /asset-families/{family}/attributes/{code}`, renamed to this code's style).
 */
export interface AssetAttributeMeta {
  code: string
  /** text, media_link, media_file, number, single_option, multiple_options, boolean, date, record, … */
  type: string
  /** `value_per_locale` */
  valuePerLocale: boolean
  /** `value_per_channel` */
  valuePerChannel: boolean
  /** media_link: what Akeneo puts before / after the value to make the URL. */
  prefix?: string | null
  suffix?: string | null
  /** single_option / multiple_options: the option codes, when the caller read them. */
  options?: readonly string[]
}

export interface AssetFamilyMeta {
  /** Case-sensitive, exactly as Akeneo spells it. */
  code: string
  /** `attribute_as_main_media`; null when Akeneo gave none. */
  attributeAsMainMedia: string | null
  attributes: ReadonlyMap<string, AssetAttributeMeta>
}

/** Asset values say `channel`, not `scope` (akeneo-api.md "Asset Manager"). */
export interface AssetValue { locale: string | null, channel: string | null, data: unknown }
export type AssetValues = Record<string, AssetValue[]>

/** A Bynder asset as the value planner reads it: the link planner's asset plus its own text fields. */
export type ValuesAsset = PlannableAsset & { description?: string, copyright?: string }

export type AssetValuesMapping = Pick<Mapping,
  | 'asset_family_attribute_mappings'
  | 'asset_family_attribute_locale_mappings'
  | 'asset_family_attribute_channel_mappings'
  | 'derivative_to_use'>

export type AssetValueProblemCode =
  | 'invalid_bynder_id'
  | 'main_media_missing'
  | 'main_media_unsupported'
  | 'main_media_mapped'
  | 'asset_attribute_missing'
  | 'unsupported_asset_attribute_type'
  | 'locale_required'
  | 'channel_required'
  | 'derivative_missing'
  | 'original_not_public'
  | 'original_url_missing'
  | 'media_link_prefix_mismatch'
  | 'invalid_value'

/**
 * As `PROBLEM_KIND` for links: `transient` may resolve by itself (a derivative Bynder has
 * not rendered yet); `permanent` needs the mapping, Akeneo or the asset to change first.
 */
export const ASSET_VALUE_PROBLEM_KIND: Readonly<Record<AssetValueProblemCode, 'permanent' | 'transient'>> = {
  invalid_bynder_id: 'permanent',
  main_media_missing: 'permanent',
  main_media_unsupported: 'permanent',
  main_media_mapped: 'permanent',
  asset_attribute_missing: 'permanent',
  unsupported_asset_attribute_type: 'permanent',
  locale_required: 'permanent',
  channel_required: 'permanent',
  derivative_missing: 'transient',
  original_not_public: 'permanent',
  original_url_missing: 'permanent',
  media_link_prefix_mismatch: 'permanent',
  invalid_value: 'permanent'
}

export interface AssetValueProblem {
  code: AssetValueProblemCode
  assetId: string
  /** Names the asset, the attribute and what is wrong; the mapping key is in `mappingKey`. */
  message: string
  attribute?: string
  /** A YAML path (`asset_family_attribute_mappings.packshots.title`) or the setting to look at. */
  mappingKey: string
}
