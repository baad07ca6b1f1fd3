import type { Mapping } from '../config/mapping-schema.js'
import type { YamlPath } from '../config/yaml-errors.js'
import { ENRICHABLE_ATTRIBUTE_TYPES } from '../sync/attribute-renderers.js'
import { error, note, warning, type Finding } from './findings.js'
import { countSlots, linkAttributeProblems, own, slotCode, sortableTypes, type AttributeIndex } from './link-attributes.js'

const OPTIONS = 'asset_type_metaproperty_options_mappings'
const SORTABLE = 'sortable_asset_type_metaproperty_mappings'
const ENRICHMENT = 'enrichment_metaproperty_mappings'

/** The attributes the mapping names (slots after the first are looked up separately). */
export function mappedAttributeCodes (mapping: Mapping): string[] {
  const keys = [OPTIONS, SORTABLE, ENRICHMENT, 'asset_attribute_locale_mappings', 'asset_attribute_channel_mappings'] as const
  return [...new Set(keys.flatMap((key) => Object.keys(mapping[key] ?? {})))]
}

function checkLinkAttributes (mapping: Mapping, attributes: AttributeIndex): Finding[] {
  const findings: Finding[] = []
  const report = (path: YamlPath, code: string, firstSlot?: string): void => {
    for (const problem of linkAttributeProblems(mapping, attributes, code, firstSlot)) {
      findings.push((problem.warning === true ? warning : error)(problem.path ?? path, problem.text))
    }
  }
  const sortable = sortableTypes(mapping)
  for (const attribute of Object.keys(mapping[OPTIONS] ?? {})) {
    if (!sortable.some((type) => type.firstSlot === attribute)) report([OPTIONS, attribute], attribute)
  }
  for (const type of sortable) {
    const path = [SORTABLE, type.firstSlot]
    const slots = countSlots(attributes, type)
    if (slots === 0) {
      findings.push(error(path, `first slot attribute ${type.firstSlot} of this sortable asset type does not exist in Akeneo`))
      continue
    }
    for (let position = 1; position <= slots; position++) report(path, slotCode(type, position), type.firstSlot)
    const last = slotCode(type, slots)
    if (slots === 1) {
      findings.push(warning(path, `only one slot attribute exists in Akeneo (${type.firstSlot}, no ${slotCode(type, 2)}): an asset with sort order 2 or more is not linked`))
    } else {
      findings.push(note(path, `${slots} slot attributes exist in Akeneo (${type.firstSlot} … ${last}): sort orders 1 to ${slots} can be linked`))
    }
  }
  return findings
}

/** An entry for an attribute that is not localizable / scopable is ignored: say so. */
function unusedSettings (mapping: Mapping, attributes: AttributeIndex): Finding[] {
  const findings: Finding[] = []
  const settings = [
    ['asset_attribute_locale_mappings', 'localizable'],
    ['asset_attribute_channel_mappings', 'scopable'],
    ['enrichment_metaproperty_locale_mappings', 'localizable'],
    ['enrichment_metaproperty_channel_mappings', 'scopable']
  ] as const
  for (const [key, flag] of settings) {
    for (const code of Object.keys(mapping[key] ?? {})) {
      const attribute = attributes.get(code)
      if (attribute === undefined) {
        // Enrichment keys are checked with their enrichment entry; link ones may name a slot or a code-style asset type.
        if (key.startsWith('asset_')) findings.push(warning([key, code], `attribute ${code} does not exist in Akeneo; this entry is not used`))
      } else if (!attribute[flag]) {
        findings.push(warning([key, code], `attribute ${code} is not ${flag}; this entry is not used`))
      }
    }
  }
  return findings
}

function checkEnrichment (mapping: Mapping, attributes: AttributeIndex): Finding[] {
  const findings: Finding[] = []
  for (const code of Object.keys(mapping[ENRICHMENT] ?? {})) {
    const path = [ENRICHMENT, code]
    const attribute = attributes.get(code)
    if (attribute === undefined) {
      findings.push(error(path, `attribute ${code} does not exist in Akeneo`))
      continue
    }
    if (!ENRICHABLE_ATTRIBUTE_TYPES.includes(attribute.type)) {
      findings.push(error(path, `attribute ${code} is of type ${attribute.type}, which cannot be written to a metaproperty (supported: ${ENRICHABLE_ATTRIBUTE_TYPES.join(', ')})`))
      continue
    }
    if (attribute.localizable) {
      const locale = own(mapping.enrichment_metaproperty_locale_mappings, code)
      const available = attribute.available_locales ?? []
      if (locale === undefined) {
        findings.push(error(path, `attribute ${code} is localizable: say which locale is written with enrichment_metaproperty_locale_mappings.${code}`))
      } else if (available.length > 0 && !available.includes(locale)) {
        findings.push(error(['enrichment_metaproperty_locale_mappings', code], `locale ${locale} is not one of attribute ${code}'s locales (available_locales: ${available.join(', ')})`))
      }
    }
    if (attribute.scopable && own(mapping.enrichment_metaproperty_channel_mappings, code) === undefined) {
      findings.push(error(path, `attribute ${code} is scopable: say which channel is written with enrichment_metaproperty_channel_mappings.${code}`))
    }
  }
  return findings
}

/**
 * What the Akeneo side must have: asset-type attributes exist and can hold an asset, the
 * slots of sortable types exist (counted), enrichment attributes exist and can be rendered,
 * and localizable / scopable attributes have their locale / channel entry. Locale and channel
 * codes are checked against an attribute's `available_locales` only: the client has no
 * locales or channels call.
 */
export function checkAkeneoMapping (mapping: Mapping, attributes: AttributeIndex): Finding[] {
  return [...checkLinkAttributes(mapping, attributes), ...checkEnrichment(mapping, attributes), ...unusedSettings(mapping, attributes)]
}
