/**
 * What a Bynder metaproperty takes, decided here and nowhere else (planners, writer, check):
 * - `options` (option ids): it has options, or its type is select-like — `select`, `select2`,
 *   `autocomplete`, and `sidebar` / `custom_list`, which Bynder's own examples show with
 *   options; an unknown type flagged multiselect also holds options;
 * - `unsupported`: `button` and `linked_assets` (seen in Bynder's examples) hold neither a
 *   value nor options this service can write;
 * - `text`: everything else (`text`, `longtext`, `date`, unknown types without options).
 * Options win over the type: a metaproperty that has options is read as holding them.
 */
export type MetapropertyKind = 'options' | 'text' | 'unsupported'

const OPTION_TYPES = new Set(['select', 'select2', 'autocomplete', 'sidebar', 'custom_list'])
const TEXT_TYPES = new Set(['text', 'longtext', 'date'])
const UNSUPPORTED_TYPES = new Set(['button', 'linked_assets'])

/** The option-holding types, for messages. */
export const OPTION_TYPE_NAMES: readonly string[] = [...OPTION_TYPES]

export interface KindInput { type: string, isMultiselect: boolean, options: readonly unknown[] }

export function metapropertyKind (mp: KindInput): MetapropertyKind {
  const type = mp.type.toLowerCase()
  if (mp.options.length > 0 || OPTION_TYPES.has(type)) return 'options'
  if (UNSUPPORTED_TYPES.has(type)) return 'unsupported'
  if (TEXT_TYPES.has(type)) return 'text'
  return mp.isMultiselect ? 'options' : 'text'
}

export const takesOptions = (mp: KindInput): boolean => metapropertyKind(mp) === 'options'
