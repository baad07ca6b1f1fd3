import type { AssetTypeCandidate } from './asset-type.js'
import type { AttributeMeta, DesiredLink, LinkMapping, PlannableAsset, PlanProblemCode } from './link-plan-types.js'
import { linkSource, unsupportedTypeReason, writeFor } from './link-source.js'
import { slotAttribute } from './slots.js'

/** Where in Akeneo one asset-type value puts the asset, for every target alike. */
export type Placement = Pick<DesiredLink, 'attribute' | 'locale' | 'scope' | 'source' | 'write' | 'url'>

export interface PlacementProblem {
  code: PlanProblemCode
  reason: string
  attribute?: string
  mappingKey: string
  value?: string
}

export type PlacementResult = { ok: true, placement: Placement } | ({ ok: false } & PlacementProblem)

export function propertyValues (asset: PlannableAsset, metaproperty: string): string[] {
  const values = Object.hasOwn(asset.properties, metaproperty) ? asset.properties[metaproperty] ?? [] : []
  return values.filter((value) => value !== '')
}

function entry (map: Readonly<Record<string, string>> | undefined, key: string): string | undefined {
  return map !== undefined && Object.hasOwn(map, key) ? map[key] : undefined
}

/**
 * The locale or channel of a localizable / scopable attribute: the slot's own entry, else
 * (for a sortable type) the first slot's, so one line covers `application_image_1..n`.
 */
function setting (map: Readonly<Record<string, string>> | undefined, attribute: string, firstSlot: string | undefined): string | undefined {
  return entry(map, attribute) ?? (firstSlot === undefined ? undefined : entry(map, firstSlot))
}

/**
 * Resolves one candidate attribute: slot by sort order, existence, type, locale, channel,
 * source — in that order, so the first thing an integrator must fix is the one reported.
 * `lookup` is called exactly once per candidate that gets that far, whatever it answers
 * (`attributesToLookUp` depends on that).
 */
export function place (
  asset: PlannableAsset,
  mapping: LinkMapping,
  lookup: (code: string) => AttributeMeta | undefined,
  candidate: AssetTypeCandidate
): PlacementResult {
  const sortMetaproperty = entry(mapping.sortable_asset_type_metaproperty_mappings, candidate.attribute)
  const firstSlot = sortMetaproperty === undefined ? undefined : candidate.attribute
  let attribute = candidate.attribute
  let sortValue: string | undefined
  if (sortMetaproperty !== undefined) {
    const sortValues = propertyValues(asset, sortMetaproperty)
    sortValue = [...new Set(sortValues.map((value) => value.trim()))].join(', ')
    const slot = slotAttribute(candidate.attribute, sortValues)
    if (!slot.ok) {
      return {
        ok: false,
        code: 'invalid_sort_order',
        reason: `${slot.reason} in metaproperty ${sortMetaproperty}, for sortable asset type ${candidate.attribute}`,
        attribute: candidate.attribute,
        mappingKey: `sortable_asset_type_metaproperty_mappings.${candidate.attribute}`,
        value: sortValue
      }
    }
    attribute = slot.attribute
  }

  const meta = lookup(attribute)
  if (meta === undefined) {
    if (firstSlot !== undefined) {
      const position = sortValue === '' ? 'no sort order, so slot 1' : `sort order ${sortValue} in metaproperty ${sortMetaproperty}`
      return {
        ok: false,
        code: 'slot_attribute_missing',
        reason: `slot attribute ${attribute} (${position} of sortable asset type ${firstSlot}) does not exist in Akeneo`,
        attribute,
        mappingKey: `sortable_asset_type_metaproperty_mappings.${firstSlot}`
      }
    }
    if (candidate.via === 'option') {
      return {
        ok: false,
        code: 'attribute_missing',
        reason: `it is mapped to attribute ${attribute}, which does not exist in Akeneo`,
        attribute,
        mappingKey: `asset_type_metaproperty_options_mappings.${attribute}`
      }
    }
    return {
      ok: false,
      code: 'unknown_asset_type_option',
      reason: 'it is neither an option name in asset_type_metaproperty_options_mappings nor the code of an Akeneo attribute',
      mappingKey: 'asset_type_metaproperty_options_mappings'
    }
  }

  if (writeFor(meta.type) === undefined) {
    return {
      ok: false,
      code: 'unsupported_attribute_type',
      reason: `attribute ${attribute}: ${unsupportedTypeReason(meta.type)}`,
      attribute,
      mappingKey: candidate.via === 'option' ? `asset_type_metaproperty_options_mappings.${candidate.attribute}` : 'metaproperty_mappings.asset_type'
    }
  }
  const inherit = firstSlot !== undefined && firstSlot !== attribute ? ` (or ${firstSlot}, which covers every slot)` : ''
  const locale = meta.localizable ? setting(mapping.asset_attribute_locale_mappings, attribute, firstSlot) : null
  if (locale === undefined) {
    return {
      ok: false,
      code: 'locale_required',
      reason: `attribute ${attribute} is localizable: say which locale to fill with asset_attribute_locale_mappings.${attribute}${inherit}`,
      attribute,
      mappingKey: `asset_attribute_locale_mappings.${firstSlot ?? attribute}`
    }
  }
  const scope = meta.scopable ? setting(mapping.asset_attribute_channel_mappings, attribute, firstSlot) : null
  if (scope === undefined) {
    return {
      ok: false,
      code: 'channel_required',
      reason: `attribute ${attribute} is scopable: say which channel to fill with asset_attribute_channel_mappings.${attribute}${inherit}`,
      attribute,
      mappingKey: `asset_attribute_channel_mappings.${firstSlot ?? attribute}`
    }
  }
  const source = linkSource(asset, meta.type, mapping.derivative_to_use)
  if (!source.ok) return { ok: false, code: source.code, reason: `attribute ${attribute}: ${source.reason}`, attribute, mappingKey: 'derivative_to_use' }
  return { ok: true, placement: { attribute, locale, scope, source: source.source, write: source.write, url: source.url } }
}
