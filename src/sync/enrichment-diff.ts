import type { Mapping } from '../config/mapping-schema.js'
import { byString } from './compare.js'
import { isEmptyProperty, type DesiredProperty } from './enrichment-planner.js'
import type { MetapropertyChange } from './metaproperty-change.js'

/**
 * The writes an asset needs so its metaproperties hold the desired values (the merged
 * enrichment plan). `current` is the asset's `properties`: metaproperty name → option names,
 * or the text as a one-element array; a missing name is an empty metaproperty.
 * - options compare as sets of names (order does not matter), text exactly;
 * - an empty desired value changes nothing: a metaproperty filled by hand in Bynder is not
 *   wiped because the linked products simply lack the attribute;
 * - an attribute in `update_metaproperty_on_empty_only_mappings` changes nothing while the
 *   asset holds any value for its metaproperty;
 * - a change carries the complete set (Bynder replaces it), sorted by metaproperty name.
 */
export function diffEnrichment (
  current: Readonly<Record<string, readonly string[]>>, desired: readonly DesiredProperty[], mapping: Mapping
): MetapropertyChange[] {
  const emptyOnly = new Set(mapping.update_metaproperty_on_empty_only_mappings ?? [])
  const changes: MetapropertyChange[] = []
  for (const property of desired) {
    if (isEmptyProperty(property)) continue
    const held = (Object.hasOwn(current, property.metaproperty) ? current[property.metaproperty] ?? [] : []).filter((value) => value !== '')
    if (emptyOnly.has(property.attribute) && held.length > 0) continue
    const why = `enrichment: ${property.attribute} → ${property.metaproperty}`
    if (property.kind === 'options') {
      const want = new Set(property.options.map((option) => option.name))
      const have = new Set(held)
      if (want.size === have.size && [...want].every((name) => have.has(name))) continue
      changes.push({ metaproperty: property.metaproperty, kind: 'options', options: property.options.map((option) => ({ ...option })), why })
    } else {
      const text = property.text ?? ''
      if (held.length === 1 && held[0] === text) continue
      changes.push({ metaproperty: property.metaproperty, kind: 'text', text, why })
    }
  }
  return changes.sort((a, b) => byString(a.metaproperty, b.metaproperty))
}
