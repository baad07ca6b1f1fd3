import { readFileSync } from 'node:fs'
import { Value } from 'typebox/value'
import { parseDocument } from 'yaml'
import { assetFamilyProblems } from './asset-family-rules.js'
import { ConfigError } from './env.js'
import { MappingSchema, SORTABLE_SLOT_PATTERN, type Mapping } from './mapping-schema.js'
import { describeSchemaErrors, problemAt, type YamlSource } from './yaml-errors.js'

/** Rules a schema cannot say: keys that must refer to other keys, slot attribute names. */
function crossCheck (mapping: Mapping, yaml: YamlSource): string[] {
  const problems: string[] = []
  for (const attribute of Object.keys(mapping.sortable_asset_type_metaproperty_mappings ?? {})) {
    if (!SORTABLE_SLOT_PATTERN.test(attribute)) {
      problems.push(problemAt(yaml, ['sortable_asset_type_metaproperty_mappings', attribute],
        `a sortable attribute must end in _<n> naming its first slot (e.g. ${attribute}_1)`))
    }
  }
  const enriched = new Set(Object.keys(mapping.enrichment_metaproperty_mappings ?? {}))
  const mustBeEnriched: Array<[string, string[]]> = [
    ['enrichment_metaproperty_options_mappings', Object.keys(mapping.enrichment_metaproperty_options_mappings ?? {})],
    ['enrichment_metaproperty_locale_mappings', Object.keys(mapping.enrichment_metaproperty_locale_mappings ?? {})],
    ['enrichment_metaproperty_channel_mappings', Object.keys(mapping.enrichment_metaproperty_channel_mappings ?? {})]
  ]
  for (const [key, attributes] of mustBeEnriched) {
    for (const attribute of attributes) {
      if (!enriched.has(attribute)) problems.push(problemAt(yaml, [key, attribute], `"${attribute}" is not in enrichment_metaproperty_mappings`))
    }
  }
  ;(mapping.update_metaproperty_on_empty_only_mappings ?? []).forEach((attribute, index) => {
    if (!enriched.has(attribute)) {
      problems.push(problemAt(yaml, ['update_metaproperty_on_empty_only_mappings', index], `"${attribute}" is not in enrichment_metaproperty_mappings`))
    }
  })
  problems.push(...assetFamilyProblems(mapping, yaml))
  return problems
}

/** Parses and validates a mapping text; every problem names the file, the YAML path and the expectation. */
export function parseMapping (source: string, file: string): Mapping {
  const document = parseDocument(source, { prettyErrors: true, uniqueKeys: true })
  if (document.errors.length > 0) {
    throw new ConfigError(`Invalid mapping file ${file}:\n${document.errors.map((error) => `  - ${file}: ${error.message}`).join('\n')}`)
  }
  const yaml: YamlSource = { document, source, file }
  const raw = document.toJS() ?? {}
  const withDefaults = Value.Default(MappingSchema, structuredClone(raw))
  const problems = describeSchemaErrors(MappingSchema, withDefaults, yaml)
  if (problems.length === 0) problems.push(...crossCheck(withDefaults as Mapping, yaml))
  if (problems.length > 0) throw new ConfigError(`Invalid mapping file ${file}:\n${problems.map((line) => `  - ${line}`).join('\n')}`)
  return withDefaults as Mapping
}

/** The mapping file's text; a ConfigError naming the file and MAPPINGS_FILE when it cannot be read. */
export function readMappingSource (file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    throw new ConfigError(`Cannot read mapping file ${file} (MAPPINGS_FILE): ${(error as Error).message}`)
  }
}

export function loadMapping (file: string): Mapping {
  return parseMapping(readMappingSource(file), file)
}
