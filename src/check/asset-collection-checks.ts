import type { AkeneoAssetAttribute, AkeneoAssetFamily, AkeneoAttribute, AkeneoChannel } from '../clients/akeneo/index.js'
import type { Mapping } from '../config/mapping-schema.js'
import type { YamlPath } from '../config/yaml-errors.js'
import { ASSET_VALUE_TYPES } from '../sync/asset-value-data.js'
import { ASSET_COLLECTION_TYPE } from '../sync/collection-links.js'
import { error, warning, type Finding } from './findings.js'
import type { AttributeIndex } from './link-attributes.js'

const OPTIONS = 'asset_type_metaproperty_options_mappings'
const FAMILY_MAPPINGS = 'asset_family_attribute_mappings'
const LOCALES = 'asset_family_attribute_locale_mappings'
const CHANNELS = 'asset_family_attribute_channel_mappings'
const FAMILY_KEYS = [FAMILY_MAPPINGS, LOCALES, CHANNELS] as const

/** A `pim_catalog_asset_collection` attribute the mapping links into, and where the mapping names it. */
export interface CollectionTarget { attribute: AkeneoAttribute, path: YamlPath }

/** What check read of the Asset Manager: each family once (null: it does not exist), the channels when needed. */
export interface AssetManagerFacts {
  families: ReadonlyMap<string, AkeneoAssetFamily | null>
  /** Undefined when no locale / channel entry needed them. */
  channels: readonly AkeneoChannel[] | undefined
}

/**
 * The asset collections among the link attributes: the keys of
 * asset_type_metaproperty_options_mappings, and asset-type options read as attribute codes
 * (`codeStyle`, reported at metaproperty_mappings.asset_type).
 */
export function collectionTargets (mapping: Mapping, attributes: AttributeIndex, codeStyle: Iterable<string>): CollectionTarget[] {
  const targets = new Map<string, CollectionTarget>()
  const add = (code: string, path: YamlPath): void => {
    const attribute = attributes.get(code)
    if (attribute?.type === ASSET_COLLECTION_TYPE && !targets.has(code)) targets.set(code, { attribute, path })
  }
  for (const code of Object.keys(mapping[OPTIONS] ?? {})) add(code, [OPTIONS, code])
  for (const code of codeStyle) add(code, ['metaproperty_mappings', 'asset_type'])
  return [...targets.values()]
}

/** The families to read, once each: those of the collections, then those the mapping's family keys name. */
export function familiesToRead (mapping: Mapping, targets: readonly CollectionTarget[]): string[] {
  const codes = targets.map((t) => t.attribute.reference_data_name).filter((code): code is string => typeof code === 'string' && code !== '')
  for (const key of FAMILY_KEYS) codes.push(...Object.keys(mapping[key] ?? {}))
  return [...new Set(codes)]
}

/** Whether any entry needs the channels and their locales. */
export const needsChannels = (mapping: Mapping): boolean =>
  ([LOCALES, CHANNELS] as const).some((key) => Object.values(mapping[key] ?? {}).some((entries) => Object.keys(entries).length > 0))

const listed = (codes: readonly string[]): string => codes.length === 0 ? 'none' : codes.join(', ')

/**
 * What stops an asset of a collection from being written, found before any asset is: the
 * family exists (codes are case-sensitive), its main media is a media_link or media_file
 * (a media_link's prefix / suffix must fit the Bynder URLs), and every asset attribute
 * entry names an attribute of the family that can take a Bynder value, with the locale /
 * channel it needs, each an activated one.
 */
export function checkAssetCollections (mapping: Mapping, targets: readonly CollectionTarget[], facts: AssetManagerFacts): Finding[] {
  const findings: Finding[] = []
  const familyPath = new Map<string, YamlPath>()
  for (const { attribute, path } of targets) {
    const family = attribute.reference_data_name
    if (typeof family !== 'string' || family === '') {
      findings.push(error(path, `attribute ${attribute.code} is an asset collection that names no asset family (reference_data_name)`))
    } else if (facts.families.get(family) === null) {
      findings.push(error(path, `attribute ${attribute.code} is an asset collection of family ${family}, which does not exist in Akeneo (asset family codes are case-sensitive)`))
    } else if (!familyPath.has(family)) {
      familyPath.set(family, path)
    }
  }
  for (const [code, path] of familyPath) findings.push(...checkMainMedia(mapping, facts.families.get(code)!, path, facts))
  for (const key of FAMILY_KEYS) {
    for (const family of Object.keys(mapping[key] ?? {})) {
      if (facts.families.get(family) === null) findings.push(error([key, family], `asset family ${family} does not exist in Akeneo (asset family codes are case-sensitive)`))
    }
  }
  for (const [code, entries] of Object.entries(mapping[FAMILY_MAPPINGS] ?? {})) {
    const family = facts.families.get(code)
    if (family === null || family === undefined) continue
    for (const attributeCode of Object.keys(entries)) findings.push(...checkMappedAttribute(mapping, family, attributeCode, facts))
  }
  findings.push(...unusedScopeEntries(mapping, facts))
  return findings
}

function checkMainMedia (mapping: Mapping, family: AkeneoAssetFamily, path: YamlPath, facts: AssetManagerFacts): Finding[] {
  const name = family.attributeAsMainMedia
  const main = name === null ? undefined : family.attributes.find((a) => a.code === name)
  if (main === undefined) {
    return [error(path, name === null
      ? `asset family ${family.code} has no main media attribute (attribute_as_main_media), so no asset can carry the Bynder file`
      : `asset family ${family.code} names ${name} as its main media, and it has no such attribute`)]
  }
  if (main.type !== 'media_link' && main.type !== 'media_file') {
    return [error(path, `the main media attribute ${main.code} of asset family ${family.code} is of type ${main.type}: only a media_link (to the Bynder file) or a media_file (uploaded) can take a Bynder asset`)]
  }
  const findings = scopeProblems(mapping, family, main, path, facts)
  if (main.type === 'media_link') {
    const prefix = main.prefix ?? ''
    const suffix = main.suffix ?? ''
    if (prefix !== '' || suffix !== '') {
      findings.push(warning(path, `the main media attribute ${main.code} of asset family ${family.code} is a media_link with prefix "${prefix}" and suffix "${suffix}", which Akeneo adds to the value: only assets whose URL (derivative_to_use: ${mapping.derivative_to_use}) starts and ends with them are written`))
    }
    if (mapping.derivative_to_use === 'original') {
      findings.push(warning(path, `the main media attribute ${main.code} of asset family ${family.code} is a media_link, and with derivative_to_use: original only public assets have a URL that lasts; other assets are not written`))
    }
  }
  return findings
}

function checkMappedAttribute (mapping: Mapping, family: AkeneoAssetFamily, code: string, facts: AssetManagerFacts): Finding[] {
  const path = [FAMILY_MAPPINGS, family.code, code]
  const attribute = family.attributes.find((a) => a.code === code)
  if (attribute === undefined) {
    return [error(path, `asset family ${family.code} has no attribute ${code} (its attributes: ${listed(family.attributes.map((a) => a.code))})`)]
  }
  if (code === family.attributeAsMainMedia) return [error(path, `${code} is the main media of asset family ${family.code}, written from the Bynder file; it cannot be mapped`)]
  if (!(ASSET_VALUE_TYPES as readonly string[]).includes(attribute.type)) {
    return [error(path, `attribute ${code} of asset family ${family.code} is of type ${attribute.type}, which cannot take a Bynder value (supported: ${ASSET_VALUE_TYPES.join(', ')})`)]
  }
  return scopeProblems(mapping, family, attribute, path, facts)
}

/** A locale / channel entry for an attribute with a value per locale / channel: present, and activated in Akeneo. */
function scopeProblems (mapping: Mapping, family: AkeneoAssetFamily, attribute: AkeneoAssetAttribute, path: YamlPath, facts: AssetManagerFacts): Finding[] {
  const findings: Finding[] = []
  const locale = mapping[LOCALES]?.[family.code]?.[attribute.code]
  const channel = mapping[CHANNELS]?.[family.code]?.[attribute.code]
  const channels = facts.channels ?? []
  const known = attribute.value_per_channel ? channels.find((c) => c.code === channel) : undefined
  if (attribute.value_per_channel) {
    if (channel === undefined) {
      findings.push(error(path, `attribute ${attribute.code} of asset family ${family.code} has a value per channel: say which channel with ${CHANNELS}.${family.code}.${attribute.code}`))
    } else if (known === undefined) {
      findings.push(error([CHANNELS, family.code, attribute.code], `channel ${channel} does not exist in Akeneo (channels: ${listed(channels.map((c) => c.code))})`))
    }
  }
  if (attribute.value_per_locale) {
    const active = [...new Set((known === undefined ? channels : [known]).flatMap((c) => c.locales))].sort()
    if (locale === undefined) {
      findings.push(error(path, `attribute ${attribute.code} of asset family ${family.code} has a value per locale: say which locale with ${LOCALES}.${family.code}.${attribute.code}`))
    } else if (!active.includes(locale)) {
      const where = known === undefined ? 'in Akeneo' : `for channel ${known.code}`
      findings.push(error([LOCALES, family.code, attribute.code], `locale ${locale} is not activated ${where} (activated: ${listed(active)})`))
    }
  }
  return findings
}

/** Locale / channel entries that nothing uses: the attribute is not in the family, or has no value per locale / channel. */
function unusedScopeEntries (mapping: Mapping, facts: AssetManagerFacts): Finding[] {
  const findings: Finding[] = []
  for (const [key, flag, what] of [[LOCALES, 'value_per_locale', 'locale'], [CHANNELS, 'value_per_channel', 'channel']] as const) {
    for (const [code, entries] of Object.entries(mapping[key] ?? {})) {
      const family = facts.families.get(code)
      if (family === null || family === undefined) continue
      for (const attributeCode of Object.keys(entries)) {
        const attribute = family.attributes.find((a) => a.code === attributeCode)
        if (attribute === undefined) {
          findings.push(warning([key, code, attributeCode], `asset family ${code} has no attribute ${attributeCode}; this entry is not used`))
        } else if (!attribute[flag]) {
          findings.push(warning([key, code, attributeCode], `attribute ${attributeCode} of asset family ${code} has no value per ${what} (${flag} is false); this entry is not used`))
        }
      }
    }
  }
  return findings
}
