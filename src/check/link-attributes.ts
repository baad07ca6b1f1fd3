import type { AkeneoAttribute } from '../clients/akeneo/index.js'
import { SORTABLE_SLOT_PATTERN, type Mapping } from '../config/mapping-schema.js'
import type { YamlPath } from '../config/yaml-errors.js'
import { ASSET_COLLECTION_TYPE } from '../sync/collection-links.js'
import { unsupportedTypeReason, writeFor } from '../sync/link-source.js'

export type AttributeIndex = ReadonlyMap<string, AkeneoAttribute>

export const own = (record: Readonly<Record<string, string>> | undefined, key: string): string | undefined =>
  record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined

/** A sortable asset type: `application_image_1` → slots `application_image_1`, `_2`, … */
export interface SortableType { firstSlot: string, base: string, first: number }

export function sortableTypes (mapping: Mapping): SortableType[] {
  return Object.keys(mapping.sortable_asset_type_metaproperty_mappings ?? {}).flatMap((firstSlot) => {
    const match = SORTABLE_SLOT_PATTERN.exec(firstSlot)
    return match === null ? [] : [{ firstSlot, base: match[1]!, first: Number(match[2]) }]
  })
}

/** The attribute of sort order `position` (1-based). */
export const slotCode = (type: SortableType, position: number): string => `${type.base}_${type.first + position - 1}`

/** How many slot attributes exist without a gap from the first one; sort orders 1..n can be linked. */
export function countSlots (attributes: AttributeIndex, type: SortableType): number {
  let count = 0
  while (attributes.has(slotCode(type, count + 1))) count++
  return count
}

export interface LinkAttributeProblem {
  text: string
  /** Works for some assets only. */
  warning?: true
  /** Where to fix it when that is not the entry that names the attribute (a locale entry). */
  path?: YamlPath
}

/**
 * What stops an asset from being linked into `code`, in the order the link planner checks
 * it (src/sync/placement.ts): existence, type, then a locale / channel for a localizable /
 * scopable attribute — a slot may use its sortable type's first-slot entry. A URL attribute
 * with `derivative_to_use: original` works for public assets only: a warning. An asset
 * collection takes any asset's code: only its locale / channel are checked here.
 */
export function linkAttributeProblems (mapping: Mapping, attributes: AttributeIndex, code: string, firstSlot?: string): LinkAttributeProblem[] {
  const attribute = attributes.get(code)
  if (attribute === undefined) return [{ text: `attribute ${code} does not exist in Akeneo` }]
  // An asset collection takes the asset's code; its family is checked by asset-collection-checks.ts.
  const collection = attribute.type === ASSET_COLLECTION_TYPE
  if (!collection && writeFor(attribute.type) === undefined) return [{ text: `attribute ${code}: ${unsupportedTypeReason(attribute.type)}` }]
  const problems: LinkAttributeProblem[] = []
  const settingKey = (key: 'asset_attribute_locale_mappings' | 'asset_attribute_channel_mappings'): string | undefined => {
    if (own(mapping[key], code) !== undefined) return code
    return firstSlot !== undefined && own(mapping[key], firstSlot) !== undefined ? firstSlot : undefined
  }
  const inherit = firstSlot !== undefined && firstSlot !== code ? ` (or ${firstSlot}, which covers every slot)` : ''
  if (attribute.localizable) {
    const key = settingKey('asset_attribute_locale_mappings')
    if (key === undefined) {
      problems.push({ text: `attribute ${code} is localizable: say which locale to fill with asset_attribute_locale_mappings.${code}${inherit}` })
    } else {
      const locale = own(mapping.asset_attribute_locale_mappings, key)!
      const available = attribute.available_locales ?? []
      if (available.length > 0 && !available.includes(locale)) {
        problems.push({
          text: `locale ${locale} is not one of attribute ${code}'s locales (available_locales: ${available.join(', ')})`,
          path: ['asset_attribute_locale_mappings', key]
        })
      }
    }
  }
  if (attribute.scopable && settingKey('asset_attribute_channel_mappings') === undefined) {
    problems.push({ text: `attribute ${code} is scopable: say which channel to fill with asset_attribute_channel_mappings.${code}${inherit}` })
  }
  if (!collection && writeFor(attribute.type) === 'url' && mapping.derivative_to_use === 'original') {
    problems.push({
      warning: true,
      text: `attribute ${code} takes a URL, and with derivative_to_use: original only public assets have one that lasts; other assets are not linked there`
    })
  }
  return problems
}
