import type { Mapping } from '../config/mapping-schema.js'
import { ENRICHABLE_ATTRIBUTE_TYPES, isEmpty, RENDERERS, Unrenderable } from './attribute-renderers.js'
import { byString } from './compare.js'
import type { AttributeMeta } from './link-plan-types.js'
import type { OptionValue, PropertyProblem } from './metaproperty-change.js'
import { metapropertyKind } from './metaproperty-kind.js'
import { existingOptionName, sanitizeOptionName } from './option-name.js'
import type { AkeneoValues, PlannableMetaproperty } from './plannable-metaproperty.js'

/**
 * Enrichment (`update-mapped-properties`): which Bynder metaproperties the assets linked to
 * a product / product model should hold, from the product's Akeneo values. Pure: the caller
 * fetches the attribute metadata (`enrichmentAttributes`), the entities and Bynder's
 * metaproperties, plans each entity (`planEnrichment`), merges the plans of the entities an
 * asset is linked to (`mergeEnrichment`, in `enrichment-merge.ts`) and diffs that against the
 * asset (`diffEnrichment`, in `enrichment-diff.ts`).
 *
 * Planning, per `enrichment_metaproperty_mappings` entry (Akeneo attribute → Bynder
 * metaproperty name): one `DesiredProperty`, or one `PropertyProblem` naming the mapping key
 * to fix, checked in this order (the first found is reported):
 * - the attribute does not exist in Akeneo;
 * - the metaproperty is one of `metaproperty_mappings` or a sort-order metaproperty of
 *   `sortable_asset_type_metaproperty_mappings` (it carries link data, which enrichment
 *   must never overwrite);
 * - several attributes are mapped to the same metaproperty (none of them is written);
 * - the metaproperty does not exist in Bynder, or is not an API field (`isApiField`);
 * - the attribute's type cannot be rendered (image, file, table, reference entity, asset
 *   collection, reference data, product links, any type not listed below);
 * - the attribute is localizable and has no `enrichment_metaproperty_locale_mappings`
 *   entry, or scopable and has no `enrichment_metaproperty_channel_mappings` entry;
 * - the value has a shape its type does not allow (e.g. an object in a number attribute);
 * - several values (multiselect, price collection) go to a single-option metaproperty:
 *   nothing is planned for it (picking one would be arbitrary).
 *
 * Value lookup: the entry whose locale is the mapped locale (null when the attribute is not
 * localizable; a locale mapping on a non-localizable attribute is ignored) and whose scope
 * is the mapped channel (likewise). No entry, null, '' or [] is "no value": the property is
 * still planned, empty (options [] / text null).
 *
 * Rendering, to strings:
 * - identifier, text, textarea: as they are; simpleselect: the option code;
 *   multiselect: each code, in Akeneo's order, duplicates dropped;
 * - boolean: `true` / `false` (false is a value, not an empty one);
 * - number: canonical decimal — "12.5000" → "12.5", 12 → "12", "-0.50" → "-0.5",
 *   "-0" → "0"; never an exponent (1e21 → "1000000000000000000000");
 * - metric {amount, unit}: "<amount> <unit>" (amount canonical as a number; a null amount
 *   is no value);
 * - price collection: "<amount> <currency>" per price (amount canonical), sorted by
 *   currency; prices with a null amount are skipped;
 * - date: the calendar date as Akeneo sends it, "2026-05-01T00:00:00+00:00" → "2026-05-01"
 *   (no time-zone conversion).
 * Each rendered value then goes through `enrichment_metaproperty_options_mappings[attribute]`
 * (keyed by the rendered value: an option code, `true` / `false`, …); unmapped values stay as
 * they are.
 *
 * Bynder side: options or text as `metapropertyKind` decides (one rule for the whole
 * service); `button` / `linked_assets` metaproperties are a problem, never written.
 * - Options: each value becomes { name: sanitizeOptionName(value), label: value }, except
 *   that an existing option whose name is exactly the value keeps that name, and so does the
 *   only existing option whose sanitised name matches the value's ignoring case (code `globex`
 *   → option `Globex`, not a second, look-alike option). Values that end up with the same
 *   name are one option. `multi` is the metaproperty's isMultiselect.
 * - Text: the values joined with ", "; `multi` is false.
 *
 */

export type { AkeneoValues }

export interface EnrichableEntity {
  type: 'product' | 'product_model'
  /** The product identifier or the product model code. */
  code: string
  values: AkeneoValues
}

/** What the planner needs of an Akeneo attribute: the same as the link planner's. */
export type EnrichmentAttribute = AttributeMeta

export interface DesiredProperty {
  /** Bynder metaproperty name. */
  metaproperty: string
  /** Akeneo attribute code it comes from. */
  attribute: string
  kind: 'options' | 'text'
  /** The metaproperty's isMultiselect; false for text. */
  multi: boolean
  /** For `options`; empty when the entity has no value. */
  options: OptionValue[]
  /** For `text`; null when the entity has no value. */
  text: string | null
}

export interface EnrichmentPlan {
  properties: DesiredProperty[]
  problems: PropertyProblem[]
}

const MAPPINGS_KEY = 'enrichment_metaproperty_mappings'

const entries = (record: Readonly<Record<string, string>> | undefined): Array<[string, string]> =>
  Object.entries(record ?? {}).sort(([a], [b]) => byString(a, b))

const own = (record: Readonly<Record<string, string>> | undefined, key: string): string | undefined =>
  record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined

/** The Akeneo attribute codes whose metadata `planEnrichment` needs, sorted. */
export function enrichmentAttributes (mapping: Mapping): string[] {
  return entries(mapping.enrichment_metaproperty_mappings).map(([attribute]) => attribute)
}

function problem (attribute: string, metaproperty: string, text: string, mappingKey: string): PropertyProblem {
  return { attribute, message: `${attribute} → ${metaproperty}: ${text} (mapping key: ${mappingKey})`, mappingKey }
}

/** Attributes mapped to a metaproperty another attribute also writes, by metaproperty. */
function sharedMetaproperties (mapping: Mapping): Map<string, string[]> {
  const byMetaproperty = new Map<string, string[]>()
  for (const [attribute, metaproperty] of entries(mapping.enrichment_metaproperty_mappings)) {
    byMetaproperty.set(metaproperty, [...(byMetaproperty.get(metaproperty) ?? []), attribute])
  }
  return new Map([...byMetaproperty].filter(([, attributes]) => attributes.length > 1))
}

/** The mapping key through which a metaproperty carries link data, if it does. */
function linkMetaproperty (mapping: Mapping, metaproperty: string): string | undefined {
  const link = Object.entries(mapping.metaproperty_mappings).find(([, name]) => name === metaproperty)?.[0]
  if (link !== undefined) return `metaproperty_mappings.${link}`
  const sortable = entries(mapping.sortable_asset_type_metaproperty_mappings).find(([, name]) => name === metaproperty)?.[0]
  return sortable === undefined ? undefined : `sortable_asset_type_metaproperty_mappings.${sortable}`
}

type EntryResult = { ok: true, property: DesiredProperty } | { ok: false, problem: PropertyProblem }

function planEntry (
  entity: EnrichableEntity, mapping: Mapping, attributeCode: string, metapropertyName: string,
  attributes: ReadonlyMap<string, EnrichmentAttribute>, metaproperties: ReadonlyMap<string, PlannableMetaproperty>,
  shared: ReadonlyMap<string, string[]>
): EntryResult {
  const fail = (text: string, mappingKey = `${MAPPINGS_KEY}.${attributeCode}`): EntryResult =>
    ({ ok: false, problem: problem(attributeCode, metapropertyName, text, mappingKey) })

  const attribute = attributes.get(attributeCode)
  if (attribute === undefined) return fail(`Akeneo has no attribute ${attributeCode}`)
  const linkKey = linkMetaproperty(mapping, metapropertyName)
  if (linkKey !== undefined) {
    return fail(`metaproperty ${metapropertyName} carries link data (${linkKey}) and is never written by enrichment`)
  }
  const rivals = shared.get(metapropertyName)
  if (rivals !== undefined) return fail(`metaproperty ${metapropertyName} is mapped from several attributes (${rivals.join(', ')}): none of them is written`)
  const metaproperty = metaproperties.get(metapropertyName)
  if (metaproperty === undefined) return fail(`Bynder has no metaproperty named ${metapropertyName}`)
  if (!metaproperty.isApiField) return fail(`Bynder metaproperty ${metapropertyName} is not an API field (isApiField): make it one in Bynder`)
  const render = Object.hasOwn(RENDERERS, attribute.type) ? RENDERERS[attribute.type] : undefined
  if (render === undefined) {
    return fail(`attribute type ${attribute.type} cannot be written into a metaproperty (supported: ${ENRICHABLE_ATTRIBUTE_TYPES.join(', ')})`)
  }
  const locale = attribute.localizable ? own(mapping.enrichment_metaproperty_locale_mappings, attributeCode) : null
  if (locale === undefined) {
    return fail(`attribute ${attributeCode} is localizable: say which locale is written`, `enrichment_metaproperty_locale_mappings.${attributeCode}`)
  }
  const scope = attribute.scopable ? own(mapping.enrichment_metaproperty_channel_mappings, attributeCode) : null
  if (scope === undefined) {
    return fail(`attribute ${attributeCode} is scopable: say which channel is written`, `enrichment_metaproperty_channel_mappings.${attributeCode}`)
  }

  const kind = metapropertyKind(metaproperty)
  if (kind === 'unsupported') return fail(`Bynder metaproperty ${metapropertyName} is of type ${metaproperty.type}, which holds neither text nor options`)
  const multi = kind === 'options' && metaproperty.isMultiselect
  const property: DesiredProperty = { metaproperty: metapropertyName, attribute: attributeCode, kind, multi, options: [], text: null }

  const values = Object.hasOwn(entity.values, attributeCode) ? entity.values[attributeCode] : undefined
  const data = values?.find((value) => value.locale === locale && value.scope === scope)?.data
  if (isEmpty(data)) return { ok: true, property }
  let rendered: string[]
  try {
    rendered = render(data)
  } catch (error) {
    if (!(error instanceof Unrenderable)) throw error
    const where = `locale ${locale ?? '-'}, channel ${scope ?? '-'}`
    return fail(`the ${attribute.type} value (${where}) cannot be written: ${error.message}`)
  }

  const optionNames = mapping.enrichment_metaproperty_options_mappings?.[attributeCode]
  const mapped = [...new Set(rendered.map((value) => own(optionNames, value) ?? value))]
  if (kind === 'text') {
    return { ok: true, property: { ...property, text: mapped.length === 0 ? null : mapped.join(', ') } }
  }
  const options = new Map<string, OptionValue>()
  for (const value of mapped) {
    const name = existingOptionName(metaproperty, value) ?? sanitizeOptionName(value)
    if (!options.has(name)) options.set(name, { name, label: value })
  }
  if (!multi && options.size > 1) {
    const names = [...options.keys()].join(', ')
    return fail(`${options.size} values (${names}) for the single-select metaproperty ${metapropertyName}: nothing is written (make it multi-select, or map a single-value attribute)`)
  }
  return { ok: true, property: { ...property, options: [...options.values()] } }
}

/**
 * The metaproperties one product / product model asks of the assets linked to it (see the
 * module comment for the rules). Problem messages name the attribute and metaproperty, not
 * the entity: `mergeEnrichment` adds that.
 */
export function planEnrichment (
  entity: EnrichableEntity, mapping: Mapping,
  attributes: ReadonlyMap<string, EnrichmentAttribute>, metaproperties: ReadonlyMap<string, PlannableMetaproperty>
): EnrichmentPlan {
  const shared = sharedMetaproperties(mapping)
  const properties: DesiredProperty[] = []
  const problems: PropertyProblem[] = []
  for (const [attribute, metaproperty] of entries(mapping.enrichment_metaproperty_mappings)) {
    const result = planEntry(entity, mapping, attribute, metaproperty, attributes, metaproperties, shared)
    if (result.ok) properties.push(result.property)
    else problems.push(result.problem)
  }
  return {
    properties: properties.sort((a, b) => byString(a.metaproperty, b.metaproperty)),
    problems: sortProblems(problems)
  }
}

export function sortProblems (problems: PropertyProblem[]): PropertyProblem[] {
  return problems.sort((a, b) => byString(a.attribute, b.attribute) || byString(a.mappingKey, b.mappingKey) || byString(a.message, b.message))
}

/** No options / no text: the entity has no value for the metaproperty. */
export const isEmptyProperty = (property: DesiredProperty): boolean =>
  property.kind === 'options' ? property.options.length === 0 : property.text === null
