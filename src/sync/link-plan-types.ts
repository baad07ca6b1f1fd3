import type { Mapping } from '../config/mapping-schema.js'
import type { CollectionLink } from './collection-links.js'

/**
 * An asset as the Bynder client normalises it. Declared here rather than imported so the
 * planner stays a pure function over plain data: every `property_<name>` value arrives as
 * an array of strings (a text metaproperty's plain string becomes a one-element array);
 * an empty metaproperty is a missing key or an empty array.
 */
export interface PlannableAsset {
  id: string
  name?: string
  /** Bynder's own field name, as the Bynder client's normalised `Asset` keeps it. */
  archive: boolean
  isPublic: boolean
  dateModified: string
  thumbnails: Readonly<Record<string, string>>
  original?: string
  properties: Readonly<Record<string, readonly string[]>>
}

/** What the planner needs of an Akeneo attribute (a subset of `GET /attributes/{code}`). */
export interface AttributeMeta {
  code: string
  type: string
  localizable: boolean
  scopable: boolean
}

/** Attribute metadata by code; `undefined` = the attribute does not exist in Akeneo. */
export type AttributeLookup = ReadonlyMap<string, AttributeMeta> | ((code: string) => AttributeMeta | undefined)

/** The mapping keys the planner reads, so tests and callers can pass a fragment. */
export type LinkMapping = Pick<Mapping,
  | 'metaproperty_mappings'
  | 'asset_type_metaproperty_options_mappings'
  | 'sortable_asset_type_metaproperty_mappings'
  | 'asset_attribute_locale_mappings'
  | 'asset_attribute_channel_mappings'
  | 'derivative_to_use'
  | 'asset_unlink_after_archiving'>

export interface LinkTarget {
  type: 'product' | 'product_model'
  /** The product identifier or the product model code, exactly as the asset names it. */
  code: string
}

/**
 * How a link is written: `media_file` uploads the file into an image/file attribute;
 * `url` writes the file's URL into a text/textarea attribute.
 */
export type LinkWrite = 'media_file' | 'url'

export interface DesiredLink {
  assetId: string
  target: LinkTarget
  attribute: string
  locale: string | null
  scope: string | null
  /** `original`, or the name of the derivative (a key of the asset's thumbnails). */
  source: string
  write: LinkWrite
  /**
   * For `url`: the value written. For `media_file`: where the derivative is fetched from,
   * or null for the original, which is fetched through Bynder's download endpoint.
   */
  url: string | null
}

export type PlanProblemCode =
  | 'archived'
  | 'no_targets'
  | 'no_asset_type'
  | 'unknown_asset_type_option'
  | 'attribute_missing'
  | 'slot_attribute_missing'
  | 'unsupported_attribute_type'
  | 'locale_required'
  | 'channel_required'
  | 'invalid_sort_order'
  | 'derivative_missing'
  | 'original_not_public_for_text'
  | 'original_url_missing'

/**
 * What a caller should make of each problem. `info`: nothing to place, not a failure (an
 * archived asset, an asset that names no product). `permanent`: the mapping, Akeneo or the
 * asset's metadata must change first — fail without retrying (DESIGN §2). `transient`:
 * may resolve by itself (Bynder renders derivatives a few seconds after an upload).
 * A Record, so a new code cannot be added without deciding its kind.
 */
export const PROBLEM_KIND: Readonly<Record<PlanProblemCode, 'info' | 'permanent' | 'transient'>> = {
  archived: 'info',
  no_targets: 'info',
  no_asset_type: 'permanent',
  unknown_asset_type_option: 'permanent',
  attribute_missing: 'permanent',
  slot_attribute_missing: 'permanent',
  unsupported_attribute_type: 'permanent',
  locale_required: 'permanent',
  channel_required: 'permanent',
  invalid_sort_order: 'permanent',
  derivative_missing: 'transient',
  original_not_public_for_text: 'permanent',
  original_url_missing: 'permanent'
}

export interface PlanProblem {
  code: PlanProblemCode
  assetId: string
  /** Names the asset, the offending value and (last, in parentheses) the mapping key. */
  message: string
  /** The asset-type value (or sort order) the problem is about, when there is one. */
  value?: string
  /** The Akeneo attribute involved, when there is one. */
  attribute?: string
  /** The mapping key to look at, as a YAML path (`metaproperty_mappings.asset_type`). */
  mappingKey: string
}

export interface LinkPlan {
  /** Sorted by `linkKey`, one per key. */
  links: DesiredLink[]
  /** Sorted by code then message, without repeats. */
  problems: PlanProblem[]
  /** Asset collections the asset belongs in (`planCollectionLinks`), when the caller planned them. */
  collections?: CollectionLink[]
}

/**
 * The identity of a link slot in Akeneo: one value per (target, attribute, locale, scope).
 * JSON keeps the parts apart whatever characters an identifier holds.
 */
export function linkKey (link: Pick<DesiredLink, 'target' | 'attribute' | 'locale' | 'scope'>): string {
  return JSON.stringify([link.target.type, link.target.code, link.attribute, link.locale, link.scope])
}
