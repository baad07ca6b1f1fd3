import { SORTABLE_SLOT_PATTERN, type Mapping } from '../config/mapping-schema.js'
import { byString } from './compare.js'
import type { AkeneoValues } from './plannable-metaproperty.js'

/**
 * Where an entity uses assets, for the `update-properties` job (DESIGN §1): the values of a
 * product / product model that sit in link attributes, each with the asset type and sort
 * order import-assets would have given an asset placed there. `usage-planner.ts` turns one
 * such slot into the Bynder changes.
 */

/** The mapping keys this planner reads, so tests and callers can pass a fragment. */
export type UsageMapping = Pick<Mapping,
  | 'metaproperty_mappings'
  | 'asset_type_metaproperty_options_mappings'
  | 'sortable_asset_type_metaproperty_mappings'>

export interface UsageSlot {
  attribute: string
  locale: string | null
  scope: string | null
  /** The Akeneo value: a media file code (image/file attributes) or a URL (text attributes). */
  data: unknown
  /** The asset-type option (unsanitised, as the mapping or the attribute code spells it). */
  assetTypeOption: string
  /** Position counted from the sortable type's first slot (1 for the first slot); null when not sortable. */
  sortOrder: number | null
  /** The sort-order metaproperty of a sortable type; null when not sortable. */
  sortMetaproperty: string | null
  /**
   * One asset of an asset collection value (`collectionUsages`): `data` is its code, its sort
   * order is its position and goes to `metaproperty_mappings.sort_order`, not to a slot's.
   */
  inCollection?: true
}

type SlotKind = Pick<UsageSlot, 'assetTypeOption' | 'sortOrder' | 'sortMetaproperty'>

function entry (map: Readonly<Record<string, string>> | undefined, key: string): string | undefined {
  return map !== undefined && Object.hasOwn(map, key) ? map[key] : undefined
}

const byNullable = (a: string | null, b: string | null): number => (a === b ? 0 : a === null ? -1 : b === null ? 1 : byString(a, b))

/**
 * The sortable type an attribute is a slot of: the mapped first slot `<base>_<f>` with the
 * same base and f ≤ n, and the attribute's position from it (n − f + 1, the inverse of
 * `slotAttribute`). Several candidates (two sortable keys sharing a base) → the nearest.
 */
function sortableSlot (attribute: string, mapping: UsageMapping): { firstSlot: string, sortOrder: number, sortMetaproperty: string } | undefined {
  const match = SORTABLE_SLOT_PATTERN.exec(attribute)
  if (!match) return undefined
  const [, base, n] = match as unknown as [string, string, string]
  let found: { firstSlot: string, sortOrder: number, sortMetaproperty: string } | undefined
  for (const [firstSlot, sortMetaproperty] of Object.entries(mapping.sortable_asset_type_metaproperty_mappings ?? {})) {
    const first = SORTABLE_SLOT_PATTERN.exec(firstSlot)
    if (!first || first[1] !== base) continue
    const sortOrder = Number(n) - Number(first[2]) + 1
    if (!Number.isSafeInteger(sortOrder) || sortOrder < 1) continue
    if (found === undefined || sortOrder < found.sortOrder) found = { firstSlot, sortOrder, sortMetaproperty }
  }
  return found
}

/**
 * Whether an attribute is a link attribute, and with which asset type. The order mirrors
 * how the link planner reads an asset-type option (`resolveAssetType` + `place`):
 * 1. a key of `asset_type_metaproperty_options_mappings` → its mapped option (a sortable
 *    first slot that is mapped itself keeps sort order 1);
 * 2. a slot of a sortable type → the first slot's mapped option, or the first slot's code;
 * 3. an attribute whose code is an option name of the asset-type metaproperty — unless
 *    that option name is mapped to other attributes, because import-assets would then put
 *    the asset there, not here.
 */
function linkAttribute (attribute: string, mapping: UsageMapping, assetTypeOptionNames: ReadonlySet<string>): SlotKind | undefined {
  const options = mapping.asset_type_metaproperty_options_mappings
  const mapped = entry(options, attribute)
  if (mapped !== undefined) {
    const sortMetaproperty = entry(mapping.sortable_asset_type_metaproperty_mappings, attribute)
    return { assetTypeOption: mapped, sortOrder: sortMetaproperty === undefined ? null : 1, sortMetaproperty: sortMetaproperty ?? null }
  }
  const sortable = sortableSlot(attribute, mapping)
  if (sortable !== undefined) {
    return { assetTypeOption: entry(options, sortable.firstSlot) ?? sortable.firstSlot, sortOrder: sortable.sortOrder, sortMetaproperty: sortable.sortMetaproperty }
  }
  if (assetTypeOptionNames.has(attribute) && !Object.values(options ?? {}).includes(attribute)) {
    return { assetTypeOption: attribute, sortOrder: null, sortMetaproperty: null }
  }
  return undefined
}

/**
 * The entity's values that sit in link attributes: keys of
 * `asset_type_metaproperty_options_mappings`; every slot `<base>_<n>` of a sortable key
 * `<base>_1` (sortOrder n, assetTypeOption = the first slot's mapped option or the first
 * slot's code); an attribute whose code is itself an option name of the asset-type
 * metaproperty (`assetTypeOptionNames`). Empty values (null, '') hold no asset and are left
 * out. Sorted by attribute, locale, scope (null first).
 */
export function usageSlots (values: AkeneoValues, mapping: UsageMapping, assetTypeOptionNames: ReadonlySet<string>): UsageSlot[] {
  const slots: UsageSlot[] = []
  for (const [attribute, list] of Object.entries(values)) {
    const kind = linkAttribute(attribute, mapping, assetTypeOptionNames)
    if (kind === undefined) continue
    for (const value of list) {
      if (value.data === null || value.data === undefined || value.data === '') continue
      slots.push({ attribute, locale: value.locale, scope: value.scope, data: value.data, ...kind })
    }
  }
  return slots.sort((a, b) => byString(a.attribute, b.attribute) || byNullable(a.locale, b.locale) || byNullable(a.scope, b.scope))
}

/**
 * The sortable mapping entry a slot's sort order comes from: the slot's own entry, else the
 * first slot it belongs to, else any entry naming its metaproperty; undefined when the
 * mapping no longer names that metaproperty (then no sort order is written).
 */
export function sortableKeyOf (slot: UsageSlot, mapping: UsageMapping): string | undefined {
  const sortables = mapping.sortable_asset_type_metaproperty_mappings ?? {}
  if (slot.sortMetaproperty === null) return undefined
  if (entry(sortables, slot.attribute) === slot.sortMetaproperty) return slot.attribute
  const sortable = sortableSlot(slot.attribute, mapping)
  if (sortable?.sortMetaproperty === slot.sortMetaproperty) return sortable.firstSlot
  return Object.entries(sortables).find(([, name]) => name === slot.sortMetaproperty)?.[0]
}
