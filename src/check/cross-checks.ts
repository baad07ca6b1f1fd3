import { takesOptions, type MetapropertyIndex } from '../clients/bynder/index.js'
import type { Mapping } from '../config/mapping-schema.js'
import { warning, type Finding } from './findings.js'
import { linkAttributeProblems, type AttributeIndex } from './link-attributes.js'

const MULTI_VALUE_TYPES = ['pim_catalog_multiselect', 'pim_catalog_price_collection']
const LISTED = 10

/**
 * Asset-type options the mapping does not mention are read as attribute codes (DESIGN §5).
 * These are the options of one portal that are neither mapped option names nor explicitly
 * mapped attributes, i.e. the ones the integrator relies on being attribute codes.
 */
export function codeStyleAssetTypes (mapping: Mapping, index: MetapropertyIndex): string[] {
  const assetType = index.byName.get(mapping.metaproperty_mappings.asset_type)
  if (assetType === undefined) return []
  const mappedOptions = new Set(Object.values(mapping.asset_type_metaproperty_options_mappings ?? {}))
  const mappedAttributes = new Set([
    ...Object.keys(mapping.asset_type_metaproperty_options_mappings ?? {}),
    ...Object.keys(mapping.sortable_asset_type_metaproperty_mappings ?? {})
  ])
  return assetType.options.map((option) => option.name).filter((name) => !mappedOptions.has(name) && !mappedAttributes.has(name))
}

/**
 * Checks that need both systems: asset-type options read as attribute codes (one warning per
 * portal listing those that link nowhere), and multi-value attributes enriched into a
 * single-option metaproperty (nothing is written for an entity with several values).
 */
export function checkAcrossSystems (mapping: Mapping, index: MetapropertyIndex, attributes: AttributeIndex, credential: string): Finding[] {
  const findings: Finding[] = []
  const assetTypeName = mapping.metaproperty_mappings.asset_type
  const unusable = codeStyleAssetTypes(mapping, index).flatMap((option) => {
    if (!attributes.has(option)) return [`${option} (no such attribute)`]
    const problems = linkAttributeProblems(mapping, attributes, option).filter((problem) => problem.warning !== true)
    return problems.length === 0 ? [] : [`${option} (${problems.map((p) => p.text).join('; ')})`]
  })
  if (unusable.length > 0) {
    const listed = unusable.slice(0, LISTED).join(', ') + (unusable.length > LISTED ? `, and ${unusable.length - LISTED} more` : '')
    findings.push(warning(['metaproperty_mappings', 'asset_type'],
      `options of metaproperty "${assetTypeName}" in Bynder (credential ${credential}) that are not in asset_type_metaproperty_options_mappings are read as attribute codes, and ${unusable.length} of them cannot take an asset (assets of those types are not linked): ${listed}`))
  }

  const linkData = new Set(Object.values(mapping.metaproperty_mappings))
  for (const [code, name] of Object.entries(mapping.enrichment_metaproperty_mappings ?? {})) {
    const attribute = attributes.get(code)
    const mp = index.byName.get(name)
    // A link metaproperty is never enriched (checkMappingRules says so): nothing more to add.
    if (attribute === undefined || mp === undefined || linkData.has(name)) continue
    if (MULTI_VALUE_TYPES.includes(attribute.type) && takesOptions(mp) && !mp.isMultiselect) {
      findings.push(warning(['enrichment_metaproperty_mappings', code],
        `attribute ${code} (${attribute.type}) can hold several values but metaproperty "${name}" is single-select in Bynder (credential ${credential}): a product with several values writes nothing`))
    }
  }
  return findings
}
