import { metapropertyKind, OPTION_TYPE_NAMES, sanitizeOptionName, takesOptions, type IndexedMetaproperty, type MetapropertyIndex } from '../clients/bynder/index.js'
import { ASSET_FIELD_SOURCES, type Mapping } from '../config/mapping-schema.js'
import type { YamlPath } from '../config/yaml-errors.js'
import { error, warning, type Finding } from './findings.js'

const LINK_KEYS = ['product_identifier', 'product_model_code', 'asset_type'] as const

const own = (record: Readonly<Record<string, string>> | undefined, key: string): string | undefined =>
  record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined

interface MetapropertyReference { path: YamlPath, name: string, link: boolean }

/** Every metaproperty the mapping names, with the entry that names it. */
export function referencedMetaproperties (mapping: Mapping): MetapropertyReference[] {
  const references: MetapropertyReference[] = []
  for (const [key, name] of Object.entries(mapping.metaproperty_mappings)) {
    if (name !== undefined) references.push({ path: ['metaproperty_mappings', key], name, link: (LINK_KEYS as readonly string[]).includes(key) })
  }
  for (const key of ['sortable_asset_type_metaproperty_mappings', 'enrichment_metaproperty_mappings'] as const) {
    for (const [attribute, name] of Object.entries(mapping[key] ?? {})) references.push({ path: [key, attribute], name, link: false })
  }
  // Asset attributes read a metaproperty, unless they name one of the asset's own fields.
  for (const [family, entries] of Object.entries(mapping.asset_family_attribute_mappings ?? {})) {
    for (const [attribute, name] of Object.entries(entries)) {
      if (!(ASSET_FIELD_SOURCES as readonly string[]).includes(name)) references.push({ path: ['asset_family_attribute_mappings', family, attribute], name, link: false })
    }
  }
  return references
}

/** "did you mean" for the usual slip: the label (what the portal shows) instead of the API name. */
function lookalike (index: MetapropertyIndex, name: string): string {
  const wanted = name.toLowerCase()
  const match = [...index.byName.values()].find((mp) => mp.label.toLowerCase() === wanted || mp.name.toLowerCase() === wanted)
  return match === undefined ? '' : `; did you mean "${match.name}" (labelled "${match.label}")? The mapping takes the API name`
}

function optionMissing (mp: IndexedMetaproperty, wanted: string, path: YamlPath, mapping: Mapping, where: string): Finding {
  const labelled = mp.options.find((option) => option.label === wanted)
  const hint = labelled === undefined ? '' : ` (an option labelled "${wanted}" is named "${labelled.name}": the mapping takes the name)`
  const text = `option "${wanted}" does not exist in metaproperty "${mp.name}"${where}${hint}`
  return mapping.create_missing_metaproperty_options
    ? warning(path, `${text}; it is created when first needed (create_missing_metaproperty_options is true)`)
    : error(path, `${text}; create it in Bynder, or set create_missing_metaproperty_options: true`)
}

/**
 * What one Bynder portal must have for the mapping: each named metaproperty exists and is
 * an API field (else assets do not show it as `property_<name>`), link metaproperties hold
 * options, and the option names the mapping uses exist (or will be created).
 */
export function checkBynderMapping (mapping: Mapping, index: MetapropertyIndex, credential: string): Finding[] {
  const findings: Finding[] = []
  const where = ` in Bynder (credential ${credential})`
  for (const reference of referencedMetaproperties(mapping)) {
    const mp = index.byName.get(reference.name)
    if (mp === undefined) {
      findings.push(error(reference.path, `metaproperty "${reference.name}" does not exist${where}${lookalike(index, reference.name)}`))
      continue
    }
    if (!mp.isApiField) {
      findings.push(error(reference.path, `metaproperty "${reference.name}" is not an API field${where} (isApiField is false): the API neither shows nor takes it`))
    }
    const kind = metapropertyKind(mp)
    if (kind === 'unsupported') {
      findings.push(error(reference.path, `metaproperty "${reference.name}" is of type ${mp.type}${where}, which holds neither text nor options: the connector cannot write it`))
    } else if (reference.link && kind !== 'options') {
      findings.push(warning(reference.path, `metaproperty "${reference.name}" is of type ${mp.type}${where}; link metaproperties are expected to hold options (${OPTION_TYPE_NAMES.join(', ')})`))
    }
  }

  const assetType = index.byName.get(mapping.metaproperty_mappings.asset_type)
  if (assetType !== undefined) {
    for (const [attribute, option] of Object.entries(mapping.asset_type_metaproperty_options_mappings ?? {})) {
      const path = ['asset_type_metaproperty_options_mappings', attribute]
      const sanitized = sanitizeOptionName(option)
      if (sanitized !== option) {
        // Assets report Bynder's sanitised names and the match is exact: this entry can never match.
        findings.push(error(path, `"${option}" can never match an asset type: Bynder option names hold only letters, digits and _ (it would be "${sanitized}")`))
      } else if (!assetType.optionsByName.has(option)) {
        findings.push(optionMissing(assetType, option, path, mapping, where))
      }
    }
  }

  for (const [attribute, options] of Object.entries(mapping.enrichment_metaproperty_options_mappings ?? {})) {
    const name = own(mapping.enrichment_metaproperty_mappings, attribute)
    const mp = name === undefined ? undefined : index.byName.get(name)
    // Text metaproperties take the mapped value as text: there is no option to look for.
    if (mp === undefined || !takesOptions(mp)) continue
    for (const [code, option] of Object.entries(options)) {
      // The enrichment job writes an exact name as it is, anything else sanitised.
      if (mp.optionsByName.has(option) || mp.optionsByName.has(sanitizeOptionName(option))) continue
      findings.push(optionMissing(mp, option, ['enrichment_metaproperty_options_mappings', attribute, code], mapping, where))
    }
  }
  return findings
}
