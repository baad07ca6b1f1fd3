import { startRunningWorld, type RunningWorld } from '../scripts/link-world.js'
import { addProduct } from '../test/fakes/akeneo/seed.js'
import { describeCalls, notifyAndCount } from './link-counts.js'

const ASSETS = 200

const AKENEO_GROUPS: Array<[string, RegExp]> = [
  ['asset upserts', /^PATCH .*\/asset-families\/[^/]+\/assets$/],
  ['asset reads', /^GET .*\/asset-families\/[^/]+\/assets\//],
  ['family reads', /^GET .*\/asset-families\//],
  ['media uploads', /asset-media-files/],
  ['attribute reads', /\/attributes/],
  ['products bulk writes', /^PATCH \/api\/rest\/v1\/products-uuid$/],
  ['model writes', /^PATCH \/api\/rest\/v1\/product-models/],
  ['product reads', /^GET \/api\/rest\/v1\/products(-uuid)?\//],
  ['product searches', /^GET \/api\/rest\/v1\/products(-uuid)?$/],
  ['model reads', /^GET \/api\/rest\/v1\/product-models/]
]
const BYNDER_GROUPS: Array<[string, RegExp]> = [['asset reads', /^\/api\/v4\/media\/[^/]+\/$/], ['download URLs', /\/download\//], ['file fetches', /^\/(s3|m)\//]]

/**
 * `ASSETS` new Bynder assets of type `packshots_collection` (the asset collection of the
 * `packshots` family, whose main media is a media_link), each naming two products and one
 * product model of its own; their ids.
 */
function seedCollectionAssets (world: RunningWorld, prefix: string): string[] {
  const { state } = world.akeneo
  return Array.from({ length: ASSETS }, (_, i) => {
    const n = String(i).padStart(4, '0')
    const skus = [`${prefix}-${n}-a`, `${prefix}-${n}-b`]
    for (const sku of skus) addProduct(state, { identifier: sku, family: 'accessories' })
    const model = `${prefix}_model_${n}`
    state.productModels.set(model, { code: model, family: 'clothing', family_variant: 'clothing_by_color', parent: null, categories: [], values: {}, created: Date.now(), updated: Date.now() })
    return world.bynder.addAsset({
      name: `${prefix}-packshot-${n}`,
      extension: ['jpg'],
      properties: { akeneo_product_sku: skus, akeneo_model_code: [model], akeneo_asset_type: ['packshots_collection'] }
    }).id
  })
}

/**
 * Upstream calls per newly linked asset into an asset collection: 200 new Bynder assets,
 * each into the collections of 2 products and 1 model, through the signed SNS route and the
 * running worker, counted at the emulators with token calls left out. The minimum for a
 * media_link family is 3 writes: the asset upsert, one bulk write for both products, one
 * model write (a media_file family adds the upload).
 */
export async function linkCollectionsBench (): Promise<Record<string, string | number>> {
  const world = await startRunningWorld(
    { BYNDER_FETCH_DELAY_MS: '0', BYNDER_MAX_RPS: '100', WORKER_CONCURRENCY: '16' },
    { assetFamilies: true, mapping: { derivative_to_use: 'webimage', asset_family_attribute_mappings: { packshots: { title: 'name' } } } }
  )
  try {
    const ids = seedCollectionAssets(world, 'coll')
    const calls = await notifyAndCount(world, ids)
    const akeneo = calls.akeneo.filter((call) => !call.includes('/oauth/'))
    const { state } = world.akeneo
    const inCollections = [...state.products.values(), ...state.productModels.values()]
      .filter((entity) => Array.isArray(entity.values.packshots_collection?.[0]?.data) && (entity.values.packshots_collection[0].data as unknown[]).length === 1).length
    const writes = akeneo.filter((call) => !call.startsWith('GET'))
    return {
      'assets linked': `${inCollections / 3} / ${ASSETS} (each into 2 products + 1 model)`,
      'Akeneo calls per newly linked asset into a collection': `${(akeneo.length / ASSETS).toFixed(2)} (minimum 3 writes: the asset upsert, one bulk write for both products, one model write; no upload for a media_link family)`,
      'Akeneo writes per asset': (writes.length / ASSETS).toFixed(2),
      'Akeneo calls': describeCalls(akeneo, AKENEO_GROUPS),
      'Bynder calls per asset': (calls.bynder.length / ASSETS).toFixed(2),
      'Bynder calls': describeCalls(calls.bynder, BYNDER_GROUPS),
      'assets per second': (ASSETS / calls.seconds).toFixed(1)
    }
  } finally {
    await world.close()
  }
}
