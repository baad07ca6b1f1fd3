import type { AkeneoProduct, AkeneoProductModel, AkeneoValues } from '../clients/akeneo/index.js'
import { sanitizeOptionName, type Asset, type BynderClient, type MetapropertyIndex } from '../clients/bynder/index.js'
import { identifierOfEntityId } from '../task-keys.js'
import { withIdentifierLabels, type LinkDeps } from './asset-handler.js'
import type { EntityRef, EntityType, ProductDeps, SyncProductOptions } from './product-sync.js'

// The Akeneo side of a product sync: reading the entity (once), its identifier, and the
// products and models an asset names.

export type Entity = { type: 'product', value: AkeneoProduct } | { type: 'product_model', value: AkeneoProductModel }

/** The product identifier: the identifier endpoints carry it; the uuid ones only as a value. */
export function identifierOf (product: Pick<AkeneoProduct, 'identifier' | 'values'>, attribute: string): string | null {
  if (typeof product.identifier === 'string' && product.identifier !== '') return product.identifier
  const data = product.values[attribute]?.[0]?.data
  return typeof data === 'string' && data !== '' ? data : null
}

/** Reads products and models at most once per sync (several assets often name the same ones). */
export class EntityReader {
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
export function identifierIn (entityId: string): string | null {
  return identifierOfEntityId(entityId)
}

/** The identifier attribute is asked for only for products (the client learns it once). */
export async function refOf (entity: Entity, identifierAttribute: () => Promise<string>): Promise<EntityRef | null> {
  if (entity.type === 'product_model') return { type: 'product_model', code: entity.value.code }
  const code = identifierOf(entity.value, await identifierAttribute())
  return code === null ? null : { type: 'product', code }
}

export const describe = (ref: EntityRef): string => `${ref.type === 'product' ? 'product' : 'product model'} ${ref.code}`

export async function readEntity (deps: ProductDeps, kind: EntityType, entityId: string, listed: SyncProductOptions['listed']): Promise<Entity | null> {
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
export async function * namingAssets (bynder: BynderClient, mapping: LinkDeps['mapping'], metaproperties: MetapropertyIndex, ref: EntityRef, archive: boolean | 'any'): AsyncGenerator<Asset> {
  const { product_identifier: products, product_model_code: models } = mapping.metaproperty_mappings
  const name = ref.type === 'product' ? products : models
  if (name === undefined) return
  const option = metaproperties.byName.get(name)?.optionsByName.has(ref.code) === true ? ref.code : sanitizeOptionName(ref.code)
  yield * bynder.listAssets({ properties: { [name]: option }, archive, pageSize: 1000 })
}

/** This entity plus every product and model the asset's metaproperties name. */
export function namedEntities (asset: Asset, mapping: LinkDeps['mapping'], metaproperties: MetapropertyIndex, self: EntityRef): EntityRef[] {
  const labelled = withIdentifierLabels(asset, mapping, metaproperties)
  const { product_identifier: products, product_model_code: models } = mapping.metaproperty_mappings
  const refs = new Map<string, EntityRef>([[`${self.type}\n${self.code}`, self]])
  for (const code of labelled.properties[products] ?? []) refs.set(`product\n${code}`, { type: 'product', code })
  if (models !== undefined) for (const code of labelled.properties[models] ?? []) refs.set(`product_model\n${code}`, { type: 'product_model', code })
  return [...refs.values()]
}
