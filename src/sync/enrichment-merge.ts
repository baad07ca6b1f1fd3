import { byString } from './compare.js'
import { isEmptyProperty, sortProblems, type DesiredProperty, type EnrichmentPlan } from './enrichment-planner.js'
import type { PropertyProblem } from './metaproperty-change.js'

/**
 * Merging the enrichment plans of an asset linked to several products / product models:
 * - entities are ordered products first, then product models, each by code;
 * - multi-select metaproperties: the union of every entity's options, one per name (the
 *   first label met wins), sorted by name;
 * - single-value metaproperties (single select, text): the first entity with a value wins;
 * - an entity whose value for a metaproperty was a problem contributes nothing to it;
 * - problems: one per distinct problem, its message prefixed with the entities it comes from
 *   ("product SKU-1, product model M-1: …").
 */

function entityName (entity: { type: 'product' | 'product_model', code: string }): string {
  return `${entity.type === 'product' ? 'product' : 'product model'} ${entity.code}`
}

/** One plan for an asset linked to several products / product models; the order the plans come in does not matter. */
export function mergeEnrichment (plans: ReadonlyArray<{ entity: { type: 'product' | 'product_model', code: string }, plan: EnrichmentPlan }>): EnrichmentPlan {
  const rank = (type: 'product' | 'product_model'): number => (type === 'product' ? 0 : 1)
  const ordered = [...plans].sort((a, b) => rank(a.entity.type) - rank(b.entity.type) || byString(a.entity.code, b.entity.code))

  const merged = new Map<string, DesiredProperty>()
  for (const { plan } of ordered) {
    for (const property of plan.properties) {
      const held = merged.get(property.metaproperty)
      if (held === undefined) {
        merged.set(property.metaproperty, { ...property, options: [...property.options] })
      } else if (held.multi) {
        const names = new Set(held.options.map((option) => option.name))
        for (const option of property.options) {
          if (names.has(option.name)) continue
          names.add(option.name)
          held.options.push(option)
        }
      } else if (isEmptyProperty(held) && !isEmptyProperty(property)) {
        merged.set(property.metaproperty, { ...property, options: [...property.options] })
      }
    }
  }
  for (const property of merged.values()) {
    if (property.multi) property.options.sort((a, b) => byString(a.name, b.name))
  }

  const problems = new Map<string, { problem: PropertyProblem, entities: string[] }>()
  for (const { entity, plan } of ordered) {
    for (const problem of plan.problems) {
      const key = JSON.stringify([problem.attribute, problem.mappingKey, problem.message])
      const seen = problems.get(key) ?? { problem, entities: [] }
      const name = entityName(entity)
      if (!seen.entities.includes(name)) seen.entities.push(name)
      problems.set(key, seen)
    }
  }
  return {
    properties: [...merged.values()].sort((a, b) => byString(a.metaproperty, b.metaproperty)),
    problems: sortProblems([...problems.values()].map(({ problem, entities }) => ({ ...problem, message: `${entities.join(', ')}: ${problem.message}` })))
  }
}
