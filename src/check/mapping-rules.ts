import type { Mapping } from '../config/mapping-schema.js'
import { error, type Finding } from './findings.js'

const ENRICHMENT = 'enrichment_metaproperty_mappings'

/**
 * Rules about the mapping alone that the loader lets through but the enrichment job
 * refuses value by value: writing a link metaproperty, or one metaproperty fed by several
 * attributes (which would win is arbitrary, so none is written).
 */
export function checkMappingRules (mapping: Mapping): Finding[] {
  const findings: Finding[] = []
  const linkKeys = new Map<string, string>()
  for (const [key, name] of Object.entries(mapping.metaproperty_mappings)) {
    if (name !== undefined && !linkKeys.has(name)) linkKeys.set(name, key)
  }
  const enrichment = Object.entries(mapping.enrichment_metaproperty_mappings ?? {})
  for (const [attribute, metaproperty] of enrichment) {
    const linkKey = linkKeys.get(metaproperty)
    if (linkKey !== undefined) {
      findings.push(error([ENRICHMENT, attribute],
        `metaproperty "${metaproperty}" carries link data (metaproperty_mappings.${linkKey}); enrichment never writes it`))
    }
    const others = enrichment.filter(([other, name]) => name === metaproperty && other !== attribute).map(([other]) => other)
    if (others.length > 0) {
      findings.push(error([ENRICHMENT, attribute],
        `metaproperty "${metaproperty}" is also mapped from ${others.join(', ')}; a metaproperty fed by several attributes is not written at all`))
    }
  }
  return findings
}
