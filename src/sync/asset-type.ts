import type { LinkMapping } from './link-plan-types.js'

/** An Akeneo attribute an asset-type value points at, and how it was found. */
export interface AssetTypeCandidate {
  attribute: string
  /** `option`: through asset_type_metaproperty_options_mappings; `code`: the value is the code. */
  via: 'option' | 'code'
}

/**
 * The attributes an asset-type option names (DESIGN §5: the option is the attribute code
 * itself, or an option name mapped in `asset_type_metaproperty_options_mappings`).
 *
 * A mapped option name wins over reading the value as a code. Several attributes mapped to
 * the same option name all receive the asset: the integrator listed each on purpose, and
 * the reverse job (attribute → option) stays unambiguous. Matching is exact, as Bynder
 * reports option names (already normalised by Bynder: spaces become `_`).
 */
export function resolveAssetType (value: string, mapping: Pick<LinkMapping, 'asset_type_metaproperty_options_mappings'>): readonly AssetTypeCandidate[] {
  return optionIndex(mapping.asset_type_metaproperty_options_mappings).get(value) ?? [{ attribute: value, via: 'code' }]
}

const EMPTY = new Map<string, readonly AssetTypeCandidate[]>()
const indexes = new WeakMap<object, Map<string, readonly AssetTypeCandidate[]>>()

/**
 * Option name → the attributes mapped to it, in the mapping's order: built once per mapping
 * (a replay resolves every listed asset's type, several times each).
 */
function optionIndex (options: Readonly<Record<string, string>> | undefined): Map<string, readonly AssetTypeCandidate[]> {
  if (options === undefined) return EMPTY
  let index = indexes.get(options)
  if (index === undefined) {
    const built = new Map<string, AssetTypeCandidate[]>()
    for (const [attribute, option] of Object.entries(options)) {
      const list = built.get(option) ?? []
      list.push(Object.freeze({ attribute, via: 'option' }))
      built.set(option, list)
    }
    index = new Map([...built].map(([option, list]) => [option, Object.freeze(list)]))
    indexes.set(options, index)
  }
  return index
}
