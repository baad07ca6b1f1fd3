import { AKENEO_CODE_PATTERN, type Mapping } from './mapping-schema.js'
import { problemAt, type YamlSource } from './yaml-errors.js'

const FAMILY_KEYS = ['asset_family_attribute_mappings', 'asset_family_attribute_locale_mappings', 'asset_family_attribute_channel_mappings'] as const

/**
 * Asset family and asset attribute codes can only be Akeneo codes (letters, digits,
 * underscores), so a typo such as `packshot-images` stops the start instead of failing
 * every asset later. Locale/channel entries may name an attribute that is not mapped:
 * the family's main-media attribute is known only to Akeneo (`check` validates it).
 */
export function assetFamilyProblems (mapping: Mapping, yaml: YamlSource): string[] {
  const problems: string[] = []
  for (const key of FAMILY_KEYS) {
    for (const [family, attributes] of Object.entries(mapping[key] ?? {})) {
      if (!AKENEO_CODE_PATTERN.test(family)) {
        problems.push(problemAt(yaml, [key, family], `"${family}" is not an asset family code (letters, digits and underscores only)`))
      }
      for (const attribute of Object.keys(attributes)) {
        if (!AKENEO_CODE_PATTERN.test(attribute)) {
          problems.push(problemAt(yaml, [key, family, attribute], `"${attribute}" is not an asset attribute code (letters, digits and underscores only)`))
        }
      }
    }
  }
  return problems
}
