import { Type, type Static } from 'typebox'
import { Value } from 'typebox/value'
import { invalidResponse } from './errors.js'
import type { BynderHttp } from './http.js'

const Flag = Type.Union([Type.Boolean(), Type.Number(), Type.String(), Type.Null()])

const RawOptionSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  label: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  // PHP serialises an empty map as [], so labels may be an array.
  labels: Type.Optional(Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Array(Type.Unknown()), Type.Null()])),
  active: Type.Optional(Flag)
}, { additionalProperties: true })

const RawMetapropertySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  label: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  type: Type.String(),
  isMultiselect: Type.Optional(Flag),
  isApiField: Type.Optional(Flag),
  isRequired: Type.Optional(Flag),
  options: Type.Optional(Type.Array(RawOptionSchema))
}, { additionalProperties: true })

// Bynder answers an object keyed by metaproperty; the key is not relied on. Arrays accepted too.
const ListSchema = Type.Union([Type.Record(Type.String(), RawMetapropertySchema), Type.Array(RawMetapropertySchema)])

export const OptionSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  label: Type.String(),
  labels: Type.Record(Type.String(), Type.String()),
  active: Type.Boolean()
})
export type Option = Static<typeof OptionSchema>

export const MetapropertySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  label: Type.String(),
  /** select, select2, autocomplete, text, longtext, date… unknown types kept as they are. */
  type: Type.String(),
  isMultiselect: Type.Boolean(),
  isApiField: Type.Boolean(),
  isRequired: Type.Boolean(),
  options: Type.Array(OptionSchema)
})
export type Metaproperty = Static<typeof MetapropertySchema>

export interface IndexedMetaproperty extends Metaproperty {
  optionsByName: Map<string, Option>
  optionsById: Map<string, Option>
}

export interface MetapropertyIndex {
  byName: Map<string, IndexedMetaproperty>
  byId: Map<string, IndexedMetaproperty>
}

const bool = (v: unknown): boolean => v === true || v === 1 || v === '1' || v === 'true'

function toOption (raw: Static<typeof RawOptionSchema>): Option {
  const labels: Record<string, string> = {}
  if (raw.labels !== null && raw.labels !== undefined && !Array.isArray(raw.labels)) {
    for (const [k, v] of Object.entries(raw.labels)) if (typeof v === 'string') labels[k] = v
  }
  // An absent `active` means active (older portals omit it).
  return { id: raw.id, name: raw.name, label: raw.label ?? raw.name, labels, active: raw.active === undefined || bool(raw.active) }
}

export function indexMetaproperties (list: Metaproperty[]): MetapropertyIndex {
  const index: MetapropertyIndex = { byName: new Map(), byId: new Map() }
  for (const mp of list) {
    const indexed: IndexedMetaproperty = {
      ...mp,
      optionsByName: new Map(mp.options.map((o) => [o.name, o])),
      optionsById: new Map(mp.options.map((o) => [o.id, o]))
    }
    index.byName.set(mp.name, indexed)
    index.byId.set(mp.id, indexed)
  }
  return index
}

/** Adds an option to a cached metaproperty (after creating it) without a refetch. */
export function addOptionToIndex (mp: IndexedMetaproperty, option: Option): void {
  mp.options.push(option)
  mp.optionsByName.set(option.name, option)
  mp.optionsById.set(option.id, option)
}

export async function fetchMetaproperties (http: BynderHttp): Promise<MetapropertyIndex> {
  const path = 'api/v4/metaproperties/'
  const { status, body } = await http.request('GET', path)
  if (!Value.Check(ListSchema, body)) {
    const first = Value.Errors(ListSchema, body)[0]
    throw invalidResponse('GET', `/${path}`, status, `metaproperties ${first?.instancePath ?? ''} ${first?.message ?? ''}`)
  }
  const raws = Array.isArray(body) ? body : Object.values(body)
  return indexMetaproperties(raws.map((raw) => ({
    id: raw.id,
    name: raw.name,
    label: raw.label ?? raw.name,
    type: raw.type,
    isMultiselect: bool(raw.isMultiselect),
    isApiField: bool(raw.isApiField),
    isRequired: bool(raw.isRequired),
    options: (raw.options ?? []).map(toOption)
  })))
}
