import type { Asset, MetapropertyIndex } from '../clients/bynder/index.js'
import { diffEnrichment } from '../sync/enrichment-diff.js'
import { mergeEnrichment } from '../sync/enrichment-merge.js'
import { planEnrichment, type EnrichmentAttribute, type EnrichmentPlan } from '../sync/enrichment-planner.js'
import type { MetapropertyChange, PropertyProblem } from '../sync/metaproperty-change.js'
import type { PlannedWrite } from '../sync/planned-write.js'
import { mergeChanges } from '../sync/merge-changes.js'
import { planUsage } from '../sync/usage-planner.js'
import type { UsageSlot } from '../sync/usage-slots.js'
import { namedEntities, type EntityReader } from './product-entities.js'
import type { EntityRef, ProductDeps } from './product-sync.js'
import type { WriteOutcome } from './writers/metaproperty-writer.js'

// Planning one asset of a product sync, and what a dry run reports of its write.

/** One asset this sync may write to, and why. */
export interface Candidate {
  assetId: string
  asset: Asset | null
  slots: UsageSlot[]
  enrich: boolean
}

/**
 * The changes one asset needs: update-properties for each slot that refers to it, and
 * enrichment merged over every product and model the asset names (it may name several:
 * multi-value metaproperties take the union, single-value ones the first entity in order —
 * see `mergeEnrichment`).
 */
export async function plannedChanges (args: {
  deps: ProductDeps
  reader: EntityReader
  ref: EntityRef
  attributes: ReadonlyMap<string, EnrichmentAttribute>
  metaproperties: MetapropertyIndex
  found: Candidate & { asset: Asset }
  problems: PropertyProblem[]
}): Promise<MetapropertyChange[]> {
  const { deps, reader, ref, attributes, metaproperties, found, problems } = args
  const current = found.asset.properties
  const changes: MetapropertyChange[] = []
  for (const slot of found.slots) {
    const usage = planUsage({ entity: ref, slot, current, mapping: deps.mapping, metaproperties: metaproperties.byName })
    changes.push(...usage.changes)
    problems.push(...usage.problems)
  }
  if (found.enrich) {
    const plans: Array<{ entity: EntityRef, plan: EnrichmentPlan }> = []
    for (const other of namedEntities(found.asset, deps.mapping, metaproperties, ref)) {
      const entity = await reader.read(other)
      if (entity === null) continue
      const values = await reader.enrichmentValues(entity, Object.keys(deps.mapping.enrichment_metaproperty_mappings ?? {}))
      plans.push({ entity: other, plan: planEnrichment({ type: other.type, code: other.code, values }, deps.mapping, attributes, metaproperties.byName) })
    }
    const merged = mergeEnrichment(plans)
    problems.push(...merged.problems)
    changes.push(...diffEnrichment(current, merged.properties, deps.mapping))
  }
  const merged = mergeChanges(changes, metaproperties.byName)
  problems.push(...merged.problems)
  return merged.changes
}

/** What a dry run reports for one asset: the options it would create and the post it would make. */
export function dryRunWrites (assetId: string, outcome: WriteOutcome): PlannedWrite[] {
  const writes: PlannedWrite[] = outcome.createdOptions.map((option) => ({ system: 'bynder', operation: 'create_option', entity: `asset ${assetId}`, detail: option }))
  const sent = Object.entries(outcome.sent)
  if (sent.length > 0) {
    writes.push({
      system: 'bynder',
      operation: 'set_metaproperties',
      entity: `asset ${assetId}`,
      detail: sent.map(([name, value]) => `${name}=${typeof value === 'string' ? JSON.stringify(value) : `[${value.join(', ')}]`}`).join('; ')
    })
  }
  return writes
}
