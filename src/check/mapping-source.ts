import { parseDocument } from 'yaml'
import { parseMapping, readMappingSource } from '../config/mapping-loader.js'
import type { Mapping } from '../config/mapping-schema.js'
import type { YamlSource } from '../config/yaml-errors.js'

export interface MappingWithSource {
  mapping: Mapping
  /** The parsed document, so findings can name `file:line:col` of the entry they come from. */
  yaml: YamlSource
}

/**
 * `loadMapping`, keeping the YAML document: the same validation (a ConfigError for anything
 * the start would refuse), read once so the positions match the text that was checked.
 */
export function loadMappingWithSource (file: string): MappingWithSource {
  const source = readMappingSource(file)
  const mapping = parseMapping(source, file)
  const document = parseDocument(source, { uniqueKeys: true })
  return { mapping, yaml: { document, source, file } }
}
