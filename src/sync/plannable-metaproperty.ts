// The plan's own view of Bynder and Akeneo data: what the planners read, and nothing of a
// client. The clients' shapes fit them (an IndexedMetaproperty is a PlannableMetaproperty,
// an Akeneo product's `values` are AkeneoValues), so handlers pass them in unchanged.

export interface PlannableOption {
  name: string
  label: string
}

/** A Bynder metaproperty as the planners need it, with its options indexed by name. */
export interface PlannableMetaproperty {
  name: string
  /** select, select2, autocomplete, text, longtext, date… (see metaproperty-kind.ts). */
  type: string
  isMultiselect: boolean
  isApiField: boolean
  options: readonly PlannableOption[]
  optionsByName: ReadonlyMap<string, PlannableOption>
}

/** Akeneo's `values`: attribute code → one entry per locale and channel. */
export type AkeneoValues = Readonly<Record<string, ReadonlyArray<{ locale: string | null, scope: string | null, data: unknown }>>>
