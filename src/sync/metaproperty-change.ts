/**
 * What the Akeneo → Bynder planners (update-properties and enrichment) ask of one asset:
 * the complete set one metaproperty should hold after the write. Bynder's POST replaces a
 * metaproperty's whole option set, so a change always carries the full set, never a delta.
 */
export interface OptionValue {
  /** The Bynder option name, sanitised as Bynder does (`SKU-1001` → `SKU_1001`). */
  name: string
  /** The human text, used as the label when the option has to be created. */
  label: string
}

export type MetapropertyChange =
  | { metaproperty: string, kind: 'options', options: OptionValue[], why: string }
  | { metaproperty: string, kind: 'text', text: string, why: string }

/** A value that could not be planned, explained; never dropped silently. */
export interface PropertyProblem {
  /** The Akeneo attribute or mapping entry it comes from. */
  attribute: string
  message: string
  /** The mapping key to look at, e.g. `enrichment_metaproperty_locale_mappings`. */
  mappingKey: string
}
