import type { AkeneoProduct, AkeneoProductModel, AkeneoValues } from '../clients/akeneo/index.js'
import { sanitizeOptionName, type Asset, type BynderClient, type MetapropertyIndex } from '../clients/bynder/index.js'
import { DEFAULT_CREDENTIAL_CODE } from '../config/credentials.js'
import type { LinkRecord } from '../store/link-registry.js'
import { diffEnrichment, enrichmentAttributes, mergeEnrichment, planEnrichment, type EnrichmentAttribute, type EnrichmentPlan } from '../sync/enrichment-planner.js'
import type { MetapropertyChange, PropertyProblem } from '../sync/metaproperty-change.js'
import type { PlannedWrite } from '../sync/planned-write.js'
import { mergeChanges, planUsage, referenceOf, usageSlots, type UsageSlot } from '../sync/usage-planner.js'
import type { WriteOutcome } from './writers/metaproperty-writer.js'
import type { ProductJob } from '../replay/jobs.js'
import { identifierOfEntityId } from '../task-keys.js'
import { isRetryable, NonRetryableError } from '../worker/task-errors.js'
import { withIdentifierLabels, type LinkDeps } from './asset-handler.js'
import { writeWithLog } from './own-writes.js'

export type { ProductJob }

export const PRODUCT_JOBS: ReadonlySet<ProductJob> = new Set(['update-properties', 'update-mapped-properties'])

export type EntityType = 'product' | 'product_model'
export interface EntityRef { type: EntityType, code: string }

export interface ProductDeps extends LinkDeps {
  /** Bynder credential codes whose portals are enriched (default: the `bynder` one). */
  credentialCodes?: readonly string[]
  /** The identifier attribute of products read by uuid (Akeneo's default: `sku`). */
  identifierAttribute?: string
}

export interface SyncProductOptions {
  /** The product / model as a list page showed it (a replay): not read again. */
  listed?: AkeneoProduct | AkeneoProductModel
  /** Collect the Bynder writes instead of making them. */
  dryRun?: PlannedWrite[]
  /** Which Akeneo → Bynder jobs run (default both). */
  jobs?: ReadonlySet<ProductJob>
}

/** What one product sync did; the handler turns it into the task outcome. */
export interface ProductSyncResult {
  entity: EntityRef | null
  note: string
  /** Akeneo `updated` of the state that was synced (null for a deleted entity). */
  updated: string | null
}

type Entity = { type: 'product', value: AkeneoProduct } | { type: 'product_model', value: AkeneoProductModel }

/** The product identifier: the identifier endpoints carry it; the uuid ones only as a value. */
export function identifierOf (product: Pick<AkeneoProduct, 'identifier' | 'values'>, attribute: string): string | null {
  if (typeof product.identifier === 'string' && product.identifier !== '') return product.identifier
  const data = product.values[attribute]?.[0]?.data
  return typeof data === 'string' && data !== '' ? data : null
}

/** Reads products and models at most once per sync (several assets often name the same ones). */
class EntityReader {
  readonly #cache = new Map<string, Promise<Entity | null>>()
  constructor (private readonly deps: ProductDeps) {}

  seed (entity: Entity, ref: EntityRef): void {
    this.#cache.set(`${ref.type}\n${ref.code}`, Promise.resolve(entity))
  }

  async read (ref: EntityRef): Promise<Entity | null> {
    const key = `${ref.type}\n${ref.code}`
    let found = this.#cache.get(key)
    if (found === undefined) {
      found = ref.type === 'product'
        ? this.deps.akeneo.getProductByIdentifier(ref.code).then((value) => value === null ? null : { type: 'product' as const, value })
        : this.deps.akeneo.getProductModel(ref.code).then((value) => value === null ? null : { type: 'product_model' as const, value })
      this.#cache.set(key, found)
    }
    return await found
  }

  /**
   * The values enrichment sees: the entity's own, then what its parent models hold for
   * attributes it lacks. Akeneo's product answers already include inherited values; the
   * parent is read only when a mapped attribute is missing (older PIMs, list answers).
   */
  async enrichmentValues (entity: Entity, wanted: readonly string[]): Promise<AkeneoValues> {
    let values: AkeneoValues = entity.value.values
    let parent = entity.value.parent ?? null
    const seen = new Set<string>()
    while (parent !== null && !seen.has(parent) && wanted.some((attribute) => values[attribute] === undefined)) {
      seen.add(parent)
      const model = await this.read({ type: 'product_model', code: parent })
      if (model === null) break
      values = { ...model.value.values, ...values }
      parent = model.value.parent ?? null
    }
    return values
  }
}

/** A product task from an event without uuid names the product `identifier:<identifier>`. */
function identifierIn (entityId: string): string | null {
  return identifierOfEntityId(entityId)
}

function refOf (entity: Entity, identifierAttribute: string): EntityRef | null {
  if (entity.type === 'product_model') return { type: 'product_model', code: entity.value.code }
  const code = identifierOf(entity.value, identifierAttribute)
  return code === null ? null : { type: 'product', code }
}

const describe = (ref: EntityRef): string => `${ref.type === 'product' ? 'product' : 'product model'} ${ref.code}`

/** One asset this sync may write to, and why. */
interface Candidate {
  assetId: string
  asset: Asset | null
  slots: UsageSlot[]
  enrich: boolean
}

interface SyncCounts { assets: number, written: number, unchanged: number, optionsCreated: number }

/**
 * update-properties and update-mapped-properties for one product or product model, for
 * every configured Bynder portal: find the assets it uses (link registry, media ids in its
 * text values, Bynder's identifier filter), plan the metaproperty values each should hold,
 * and post only what differs — nothing when nothing changed, which is what ends the echo
 * of our own writes. A missing entity is a deletion (`syncDeletedEntity`).
 */
export async function syncProduct (deps: ProductDeps, kind: EntityType, entityId: string, options: SyncProductOptions = {}): Promise<ProductSyncResult> {
  const jobs = options.jobs ?? PRODUCT_JOBS
  const identifierAttribute = deps.identifierAttribute ?? 'sku'
  const reader = new EntityReader(deps)
  const entity = await readEntity(deps, kind, entityId, options.listed)
  if (entity === null) return await syncDeletedEntity(deps, kind, entityId, options)
  const ref = refOf(entity, identifierAttribute)
  if (ref === null) return { entity: null, note: `product ${entityId} has no identifier: assets cannot name it`, updated: entity.value.updated ?? null }
  reader.seed(entity, ref)

  const wantedAttributes = jobs.has('update-mapped-properties') ? enrichmentAttributes(deps.mapping) : []
  const attributes = await deps.akeneo.getAttributes(wantedAttributes)
  const counts: SyncCounts = { assets: 0, written: 0, unchanged: 0, optionsCreated: 0 }
  const problems: PropertyProblem[] = []
  const failures: unknown[] = []
  const registry = await deps.store.links.forTarget(ref.type, ref.code)

  for (const credentialCode of deps.credentialCodes ?? [DEFAULT_CREDENTIAL_CODE]) {
    const bynder = deps.bynder(credentialCode)
    const metaproperties = await bynder.getMetaproperties()
    const candidates = new Map<string, Candidate>()
    const candidate = (assetId: string): Candidate => {
      let found = candidates.get(assetId)
      if (found === undefined) candidates.set(assetId, found = { assetId, asset: null, slots: [], enrich: false })
      return found
    }
    const rows = registry.filter((row) => row.credentialCode === credentialCode)

    if (jobs.has('update-properties')) {
      const assetTypes = new Set(metaproperties.byName.get(deps.mapping.metaproperty_mappings.asset_type)?.optionsByName.keys() ?? [])
      for (const slot of usageSlots(entity.value.values, deps.mapping, assetTypes)) {
        const reference = referenceOf(slot, rows)
        if (reference === null) continue
        // A bare media id names no portal: it belongs to every configured one that has it.
        if (reference.credentialCode !== null && reference.credentialCode !== credentialCode) continue
        const found = candidate(reference.assetId)
        found.slots.push(slot)
        // Once it names this entity it is one of its assets: enrich it in the same post.
        found.enrich ||= jobs.has('update-mapped-properties') && wantedAttributes.length > 0
      }
    }
    if (jobs.has('update-mapped-properties') && wantedAttributes.length > 0) {
      for (const row of rows) if (row.status === 'linked') candidate(row.assetId).enrich = true
      // Archived assets are linked nowhere while archiving unlinks: no need to enrich them.
      const archive = deps.mapping.asset_unlink_after_archiving ? false : 'any'
      for await (const asset of namingAssets(bynder, deps.mapping, metaproperties, ref, archive)) {
        const found = candidate(asset.id)
        found.asset = asset
        found.enrich = true
      }
    }

    for (const found of candidates.values()) {
      try {
        // Planned over what this service itself last posted (Bynder applies posts late).
        const written = await writeWithLog({
          store: deps.store,
          credentialCode,
          bynder,
          assetId: found.assetId,
          asset: found.asset,
          mapping: deps.mapping,
          dryRun: options.dryRun !== undefined,
          now: deps.now ?? Date.now,
          plan: async (asset, planProblems) => await plannedChanges({ deps, reader, ref, attributes, metaproperties, found: { ...found, asset }, problems: planProblems })
        })
        if (written.asset === null) continue // deleted in Bynder since: its own event unlinks it
        counts.assets++
        problems.push(...written.problems)
        const outcome = written.outcome
        if (outcome === null) { counts.unchanged++; continue }
        counts.optionsCreated += outcome.createdOptions.length
        if (outcome.posted) counts.written++
        else counts.unchanged++
        options.dryRun?.push(...dryRunWrites(found.assetId, outcome))
      } catch (error) {
        failures.push(error)
      }
    }
  }

  const summary = `${describe(ref)}: ${counts.assets} assets, ${counts.written} written, ${counts.unchanged} unchanged` +
    (counts.optionsCreated > 0 ? `, ${counts.optionsCreated} options created` : '')
  const retry = failures.find(isRetryable)
  if (retry !== undefined) throw retry
  const notes = [...new Set(problems.map((problem) => problem.message))]
  if (failures.length > 0) {
    throw new NonRetryableError(`${summary}; ${failures.map((error) => error instanceof Error ? error.message : String(error)).join('; ')}`)
  }
  return { entity: ref, note: notes.length === 0 ? summary : `${summary}; ${notes.join('; ')}`, updated: entity.value.updated ?? null }
}

async function readEntity (deps: ProductDeps, kind: EntityType, entityId: string, listed: SyncProductOptions['listed']): Promise<Entity | null> {
  if (kind === 'product') {
    const identifier = identifierIn(entityId)
    const value = listed !== undefined && 'uuid' in listed
      ? listed
      : identifier === null ? await deps.akeneo.getProduct(entityId) : await deps.akeneo.getProductByIdentifier(identifier)
    return value === null ? null : { type: 'product', value }
  }
  const value = listed !== undefined && 'code' in listed ? listed : await deps.akeneo.getProductModel(entityId)
  return value === null ? null : { type: 'product_model', value }
}

/**
 * Assets Bynder says name this entity (the identifier / model-code metaproperty filter), by
 * the option name Bynder gives the identifier. Searched even when the cached metaproperty
 * does not know that option yet: people add options in Bynder at any time.
 */
async function * namingAssets (bynder: BynderClient, mapping: LinkDeps['mapping'], metaproperties: MetapropertyIndex, ref: EntityRef, archive: boolean | 'any'): AsyncGenerator<Asset> {
  const { product_identifier: products, product_model_code: models } = mapping.metaproperty_mappings
  const name = ref.type === 'product' ? products : models
  if (name === undefined) return
  const option = metaproperties.byName.get(name)?.optionsByName.has(ref.code) === true ? ref.code : sanitizeOptionName(ref.code)
  yield * bynder.listAssets({ properties: { [name]: option }, archive, pageSize: 1000 })
}

/**
 * The changes one asset needs: update-properties for each slot that refers to it, and
 * enrichment merged over every product and model the asset names (it may name several:
 * multi-value metaproperties take the union, single-value ones the first entity in order —
 * see `mergeEnrichment`).
 */
async function plannedChanges (args: {
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

/** This entity plus every product and model the asset's metaproperties name. */
function namedEntities (asset: Asset, mapping: LinkDeps['mapping'], metaproperties: MetapropertyIndex, self: EntityRef): EntityRef[] {
  const labelled = withIdentifierLabels(asset, mapping, metaproperties)
  const { product_identifier: products, product_model_code: models } = mapping.metaproperty_mappings
  const refs = new Map<string, EntityRef>([[`${self.type}\n${self.code}`, self]])
  for (const code of labelled.properties[products] ?? []) refs.set(`product\n${code}`, { type: 'product', code })
  if (models !== undefined) for (const code of labelled.properties[models] ?? []) refs.set(`product_model\n${code}`, { type: 'product_model', code })
  return [...refs.values()]
}

/** What a dry run reports for one asset: the options it would create and the post it would make. */
function dryRunWrites (assetId: string, outcome: WriteOutcome): PlannedWrite[] {
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

/**
 * A product or model that no longer exists: its registry rows are dropped (nothing is left
 * in Akeneo to unlink), and with `remove_deleted_products_from_assets` its identifier / code
 * is taken out of the Bynder assets that name it.
 */
async function syncDeletedEntity (deps: ProductDeps, kind: EntityType, entityId: string, options: SyncProductOptions): Promise<ProductSyncResult> {
  const code = kind === 'product_model' ? entityId : identifierIn(entityId) ?? await deps.store.links.targetCodeOfProduct(entityId)
  const what = kind === 'product' ? `product ${entityId}` : `product model ${entityId}`
  if (code === null) return { entity: null, note: `${what} does not exist: nothing registered for it`, updated: null }
  const ref: EntityRef = { type: kind, code }
  const rows = await deps.store.links.forTarget(kind, code)
  let removed = 0
  if (deps.mapping.remove_deleted_products_from_assets) {
    removed = await removeFromAssets(deps, ref, rows, options)
  }
  const dropped = options.dryRun === undefined ? await deps.store.links.removeTarget(kind, code) : rows.length
  return {
    entity: ref,
    note: `${describe(ref)} was deleted: ${dropped} registry entries dropped` + (deps.mapping.remove_deleted_products_from_assets ? `, removed from ${removed} assets` : ''),
    updated: null
  }
}

async function removeFromAssets (deps: ProductDeps, ref: EntityRef, rows: readonly LinkRecord[], options: SyncProductOptions): Promise<number> {
  const { product_identifier: products, product_model_code: models } = deps.mapping.metaproperty_mappings
  const name = ref.type === 'product' ? products : models
  if (name === undefined) return 0
  let removed = 0
  for (const credentialCode of deps.credentialCodes ?? [DEFAULT_CREDENTIAL_CODE]) {
    const bynder = deps.bynder(credentialCode)
    const metaproperties = await bynder.getMetaproperties()
    const assets = new Map<string, Asset | null>()
    for (const row of rows) if (row.credentialCode === credentialCode) assets.set(row.assetId, null)
    for await (const asset of namingAssets(bynder, deps.mapping, metaproperties, ref, 'any')) assets.set(asset.id, asset)
    for (const [assetId, listed] of assets) {
      const { outcome } = await writeWithLog({
        store: deps.store,
        credentialCode,
        bynder,
        assetId,
        asset: listed,
        mapping: deps.mapping,
        dryRun: options.dryRun !== undefined,
        now: deps.now ?? Date.now,
        plan: async (asset) => {
          const labelled = withIdentifierLabels(asset, deps.mapping, metaproperties)
          const names = asset.properties[name] ?? []
          const kept = names.filter((_, index) => labelled.properties[name]?.[index] !== ref.code)
          if (kept.length === names.length) return []
          return [{ metaproperty: name, kind: 'options', options: kept.map((option) => ({ name: option, label: option })), why: `${describe(ref)} was deleted in Akeneo` }]
        }
      })
      if (outcome === null) continue
      options.dryRun?.push(...dryRunWrites(assetId, outcome))
      if (outcome.posted) removed++
    }
  }
  return removed
}
