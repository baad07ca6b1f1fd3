import { SORTABLE_SLOT_PATTERN, type Mapping } from '../config/mapping-schema.js'
import { resolveAssetType } from './asset-type.js'
import { metapropertyKind, takesOptions } from './metaproperty-kind.js'
import { sameOptionName, sanitizeOptionName } from './option-name.js'
import type { AkeneoValues, PlannableMetaproperty } from './plannable-metaproperty.js'
import type { MetapropertyChange, OptionValue, PropertyProblem } from './metaproperty-change.js'
import { byString } from './compare.js'

/**
 * The `update-properties` job (DESIGN §1), the inverse of the link planner: an asset
 * attached in Akeneo gets, in Bynder, the entity's identifier / model code, the asset-type
 * option and (sortable types) the sort order, so that the `import-assets` direction would
 * place it exactly where it already is. Pure: the handler reads the entity, the link
 * registry, the asset and the metaproperties, and writes through the metaproperty writer.
 */

export type { AkeneoValues }

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

export type AssetReference = { assetId: string, credentialCode: string | null, via: 'registry' | 'media_id' }

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

/** Values a metaproperty holds now: empty entries dropped, each once, in Bynder's order. */
function currentValues (current: Readonly<Record<string, readonly string[]>>, name: string): string[] {
  const values = Object.hasOwn(current, name) ? current[name] ?? [] : []
  return [...new Set(values.filter((value) => value !== ''))]
}

function problem (attribute: string, text: string, mappingKey: string): PropertyProblem {
  return { attribute, message: `${text} (mapping key: ${mappingKey})`, mappingKey }
}

/** The metaproperty to write, or why it cannot be written. */
function writable (
  metaproperties: ReadonlyMap<string, PlannableMetaproperty>, name: string, attribute: string, mappingKey: string
): { ok: true, mp: PlannableMetaproperty } | { ok: false, problem: PropertyProblem } {
  const mp = metaproperties.get(name)
  if (mp === undefined) return { ok: false, problem: problem(attribute, `Bynder metaproperty ${name} does not exist`, mappingKey) }
  if (!mp.isApiField) return { ok: false, problem: problem(attribute, `Bynder metaproperty ${name} is not an API field (isApiField): the API cannot write it`, mappingKey) }
  if (metapropertyKind(mp) === 'unsupported') return { ok: false, problem: problem(attribute, `Bynder metaproperty ${name} is of type ${mp.type}, which holds neither text nor options`, mappingKey) }
  return { ok: true, mp }
}

/** An option Bynder already has (or the asset names), with its label when the cache knows it. */
function existing (mp: PlannableMetaproperty, name: string): OptionValue {
  return { name, label: mp.optionsByName.get(name)?.label ?? name }
}

/** The whole set after adding `wanted` (existing names kept in their order), or null when already there. */
function unionWith (mp: PlannableMetaproperty, current: readonly string[], wanted: OptionValue): OptionValue[] | null {
  if (current.some((name) => sameOptionName(name, wanted.name))) return null
  return [...current.map((name) => existing(mp, name)), wanted]
}

/** Exactly one option, or null when the metaproperty holds exactly that one already. */
function exactly (current: readonly string[], wanted: OptionValue): OptionValue[] | null {
  return current.length === 1 && sameOptionName(current[0] as string, wanted.name) ? null : [wanted]
}

function where (slot: UsageSlot): string {
  const parts = [slot.locale, slot.scope].filter((part) => part !== null)
  return parts.length === 0 ? slot.attribute : `${slot.attribute} (${parts.join(', ')})`
}

/**
 * The changes that make an asset name this entity in this slot, compared with `current`
 * (the asset's `properties`: metaproperty name → option names, or `[text]`).
 *
 * - Identifier / model code: added to the set, never replacing other products' (existing
 *   names kept in their order, the new one appended). Compared through sanitised names: an
 *   option `SKU_1001` (label `SKU-1001`) already names identifier `SKU-1001`. The new option
 *   is `{ name: sanitizeOptionName(code), label: code }`. A text metaproperty holds one
 *   identifier: written while empty, a problem when it names another.
 * - Asset type: single-select → exactly `[option]`; multi-select → union; text → the text.
 * - Sort order: only for a sortable slot whose metaproperty is still a value of
 *   `sortable_asset_type_metaproperty_mappings`; text → `String(n)`, select-like → exactly
 *   the option named `String(n)`.
 *
 * Only changes that differ from `current` are returned. Each change is a **complete set**
 * (current values included, per `MetapropertyChange`), not a delta: the handler merges the
 * changes of every slot that refers to the same asset with `mergeChanges`, whose union is
 * only right because each part already holds everything the asset had.
 *
 * Problems: a metaproperty missing from Bynder or not an API field, a model while
 * `product_model_code` is not mapped. When the identifier / code cannot be written nothing
 * is planned: typing or sorting an asset that names no product would be half a link. A
 * missing asset-type or sort-order metaproperty only drops that part.
 */
export function planUsage (args: {
  entity: { type: 'product' | 'product_model', code: string }
  slot: UsageSlot
  current: Readonly<Record<string, readonly string[]>>
  mapping: UsageMapping
  metaproperties: ReadonlyMap<string, PlannableMetaproperty>
}): { changes: MetapropertyChange[], problems: PropertyProblem[] } {
  const { entity, slot, current, mapping, metaproperties } = args
  const changes: MetapropertyChange[] = []
  const problems: PropertyProblem[] = []
  const isProduct = entity.type === 'product'
  const who = `${isProduct ? 'product' : 'product model'} ${entity.code}`
  const why = `${who} uses the asset in ${where(slot)}`

  const idKey = isProduct ? 'metaproperty_mappings.product_identifier' : 'metaproperty_mappings.product_model_code'
  const idName = isProduct ? mapping.metaproperty_mappings.product_identifier : mapping.metaproperty_mappings.product_model_code
  if (idName === undefined) {
    problems.push(problem(slot.attribute, `${who} uses an asset in ${where(slot)}, but no Bynder metaproperty holds product model codes`, idKey))
    return { changes, problems }
  }
  const id = writable(metaproperties, idName, slot.attribute, idKey)
  if (!id.ok) return { changes, problems: [id.problem] }
  const idCurrent = currentValues(current, idName)
  if (takesOptions(id.mp)) {
    const options = unionWith(id.mp, idCurrent, { name: sanitizeOptionName(entity.code), label: entity.code })
    if (options !== null) changes.push({ metaproperty: idName, kind: 'options', options, why })
  } else if (idCurrent.length === 0) {
    changes.push({ metaproperty: idName, kind: 'text', text: entity.code, why })
  } else if (idCurrent.length > 1 || (idCurrent[0] as string).trim() !== entity.code) {
    problems.push(problem(slot.attribute, `text metaproperty ${idName} holds one value and already names "${idCurrent.join(', ')}": ${who} cannot be added`, idKey))
    return { changes, problems }
  }

  const typeName = mapping.metaproperty_mappings.asset_type
  const type = writable(metaproperties, typeName, slot.attribute, 'metaproperty_mappings.asset_type')
  if (!type.ok) {
    problems.push(type.problem)
  } else {
    const typeCurrent = currentValues(current, typeName)
    const wanted: OptionValue = { name: sanitizeOptionName(slot.assetTypeOption), label: slot.assetTypeOption }
    // An asset typed by the attribute code (`packshot_image`) where the mapping names an option
    // (`Packshot`) already lands in this attribute: import reads both the same, so keep it.
    const typeAttribute = sortableKeyOf(slot, mapping) ?? slot.attribute
    const alreadyTyped = typeCurrent.some((value) => resolveAssetType(value, mapping).some((candidate) => candidate.attribute === typeAttribute))
    if (alreadyTyped && (type.mp.isMultiselect || typeCurrent.length === 1)) {
      // nothing to change
    } else if (!takesOptions(type.mp)) {
      if (typeCurrent.length !== 1 || typeCurrent[0] !== slot.assetTypeOption) changes.push({ metaproperty: typeName, kind: 'text', text: slot.assetTypeOption, why })
    } else {
      const options = type.mp.isMultiselect ? unionWith(type.mp, typeCurrent, wanted) : exactly(typeCurrent, wanted)
      if (options !== null) changes.push({ metaproperty: typeName, kind: 'options', options, why })
    }
  }

  const sortName = slot.sortMetaproperty
  const sortKey = sortableKeyOf(slot, mapping)
  if (sortName !== null && slot.sortOrder !== null && sortKey !== undefined) {
    const mappingKey = `sortable_asset_type_metaproperty_mappings.${sortKey}`
    const sort = writable(metaproperties, sortName, slot.attribute, mappingKey)
    if (!sort.ok) {
      problems.push(sort.problem)
    } else {
      const text = String(slot.sortOrder)
      const sortCurrent = currentValues(current, sortName)
      if (!takesOptions(sort.mp)) {
        if (sortCurrent.length !== 1 || (sortCurrent[0] as string).trim() !== text) changes.push({ metaproperty: sortName, kind: 'text', text, why })
      } else {
        const options = exactly(sortCurrent, { name: text, label: text })
        if (options !== null) changes.push({ metaproperty: sortName, kind: 'options', options, why })
      }
    }
  }
  return { changes, problems }
}

/**
 * The sortable mapping entry a slot's sort order comes from: the slot's own entry, else the
 * first slot it belongs to, else any entry naming its metaproperty; undefined when the
 * mapping no longer names that metaproperty (then no sort order is written).
 */
function sortableKeyOf (slot: UsageSlot, mapping: UsageMapping): string | undefined {
  const sortables = mapping.sortable_asset_type_metaproperty_mappings ?? {}
  if (slot.sortMetaproperty === null) return undefined
  if (entry(sortables, slot.attribute) === slot.sortMetaproperty) return slot.attribute
  const sortable = sortableSlot(slot.attribute, mapping)
  if (sortable?.sortMetaproperty === slot.sortMetaproperty) return sortable.firstSlot
  return Object.entries(sortables).find(([, name]) => name === slot.sortMetaproperty)?.[0]
}

function describeChange (change: MetapropertyChange): string {
  return change.kind === 'text' ? `"${change.text}"` : change.options.map((option) => option.name).join(', ')
}

/**
 * One change per metaproperty out of several (several slots referring to the same asset,
 * enrichment adding its own), in order of first appearance.
 * - Option sets: union (names compared sanitised, first label kept).
 * - A single-select metaproperty cannot hold a union: two different options on it conflict,
 *   the first wins and a problem names both. `metaproperties` says which metaproperties are
 *   single-select; without it, two one-option changes that disagree count as such a
 *   conflict (a multi-select one with one option each, from an empty start, then converges
 *   over two runs instead of one).
 * - Texts: the same text merges; a different text (or a text against options) conflicts,
 *   the first wins. A conflict problem names the metaproperty as its `attribute` and has no
 *   mapping key (`''`): the fix is in Akeneo, where one asset sits in two places.
 * The `why`s of merged changes are joined.
 */
export function mergeChanges (
  changes: readonly MetapropertyChange[],
  metaproperties?: ReadonlyMap<string, Pick<PlannableMetaproperty, 'isMultiselect'>>
): { changes: MetapropertyChange[], problems: PropertyProblem[] } {
  const merged = new Map<string, MetapropertyChange>()
  const problems: PropertyProblem[] = []
  for (const change of changes) {
    const first = merged.get(change.metaproperty)
    if (first === undefined) {
      merged.set(change.metaproperty, change.kind === 'options' ? { ...change, options: [...change.options] } : { ...change })
      continue
    }
    const conflict = (): void => {
      problems.push({
        attribute: change.metaproperty,
        message: `conflicting values for Bynder metaproperty ${change.metaproperty}: ${describeChange(first)} (${first.why}) is kept, ${describeChange(change)} (${change.why}) is not written`,
        mappingKey: ''
      })
    }
    const why = first.why.split('; ').includes(change.why) ? first.why : `${first.why}; ${change.why}`
    if (first.kind === 'text' || change.kind === 'text') {
      if (first.kind === 'text' && change.kind === 'text' && first.text === change.text) first.why = why
      else conflict()
      continue
    }
    const added = change.options.filter((option) => !first.options.some((known) => sameOptionName(known.name, option.name)))
    if (added.length === 0) {
      first.why = why
      continue
    }
    const known = metaproperties?.get(change.metaproperty)
    const single = known === undefined ? first.options.length === 1 && change.options.length === 1 : !known.isMultiselect
    if (single) {
      conflict()
      continue
    }
    first.options.push(...added)
    first.why = why
  }
  return { changes: [...merged.values()], problems }
}
