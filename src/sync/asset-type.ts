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
export function resolveAssetType (value: string, mapping: Pick<LinkMapping, 'asset_type_metaproperty_options_mappings'>): AssetTypeCandidate[] {
  const mapped = Object.entries(mapping.asset_type_metaproperty_options_mappings ?? {})
    .filter(([, option]) => option === value)
    .map(([attribute]): AssetTypeCandidate => ({ attribute, via: 'option' }))
  return mapped.length > 0 ? mapped : [{ attribute: value, via: 'code' }]
}
