import { resolveAssetType } from './asset-type.js'
import { metapropertyKind, takesOptions } from './metaproperty-kind.js'
import { sameOptionName, sanitizeOptionName } from './option-name.js'
import type { PlannableMetaproperty } from './plannable-metaproperty.js'
import type { MetapropertyChange, OptionValue, PropertyProblem } from './metaproperty-change.js'
import { sortableKeyOf, type UsageMapping, type UsageSlot } from './usage-slots.js'

/**
 * The `update-properties` job (DESIGN §1), the inverse of the link planner: an asset
 * attached in Akeneo gets, in Bynder, the entity's identifier / model code, the asset-type
 * option and (sortable types) the sort order, so that the `import-assets` direction would
 * place it exactly where it already is. Pure: the handler finds the slots (`usage-slots.ts`)
 * and the asset each refers to (`asset-reference.ts`), plans each slot here, merges the
 * changes (`merge-changes.ts`) and writes through the metaproperty writer.
 */

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
 *   `sortable_asset_type_metaproperty_mappings`, or an asset of a collection while
 *   `metaproperty_mappings.sort_order` names it; text → `String(n)`, select-like → exactly
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
    const typeAttribute = slot.inCollection === true ? slot.attribute : sortableKeyOf(slot, mapping) ?? slot.attribute
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
  const mappingKey = sortMappingKey(slot, mapping)
  if (sortName !== null && slot.sortOrder !== null && mappingKey !== undefined) {
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
 * The mapping key a slot's sort order is written through (named in problems), or undefined
 * when the mapping no longer names the slot's sort-order metaproperty: a collection's is
 * `metaproperty_mappings.sort_order`, a sortable slot's its entry in
 * `sortable_asset_type_metaproperty_mappings`.
 */
function sortMappingKey (slot: UsageSlot, mapping: UsageMapping): string | undefined {
  if (slot.inCollection === true) {
    const name = mapping.metaproperty_mappings.sort_order
    return name !== undefined && name === slot.sortMetaproperty ? 'metaproperty_mappings.sort_order' : undefined
  }
  const sortKey = sortableKeyOf(slot, mapping)
  return sortKey === undefined ? undefined : `sortable_asset_type_metaproperty_mappings.${sortKey}`
}
