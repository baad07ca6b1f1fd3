import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createBynderClient } from '../../src/clients/bynder/index.js'
import { syncProduct } from '../../src/handlers/product-sync.js'
import { findProductByIdentifier } from '../fakes/akeneo/state.js'
import { addOption, findMetapropertyByName } from '../fakes/bynder/catalog.js'
import { DEFAULT_FAKE_TOKEN, type FakeAsset } from '../fakes/bynder/index.js'
import { startLinkWorld, type LinkWorld } from './link-harness.js'

// Long enough that every read during a race predates the writes, short enough for a fast test.
const SLOW_APPLY_MS = 250

async function withWorld (fn: (w: LinkWorld) => Promise<void>): Promise<void> {
  const world = await startLinkWorld()
  try { await fn(world) } finally { await world.close() }
}

function names (w: LinkWorld, asset: FakeAsset, metaproperty: string): string[] {
  const mp = findMetapropertyByName(w.bynder.state, metaproperty)!
  const value = asset.values[mp.id]
  return Array.isArray(value) ? value.map((id) => mp.options.find((o) => o.id === id)!.name).sort() : []
}

/** Two products whose text attribute names the same Bynder asset: update-properties adds each identifier. */
function sharedAsset (w: LinkWorld, skus: string[]): FakeAsset {
  addOption(findMetapropertyByName(w.bynder.state, 'akeneo_asset_type')!, { name: 'image_url' })
  const asset = w.asset({ name: 'shared-by-url', isPublic: true })
  for (const sku of skus) {
    const product = findProductByIdentifier(w.akeneo.state, sku)!
    product.values.image_url = [{ locale: null, scope: null, data: `https://portal.example.com/media/?mediaId=${asset.id}` }]
    product.updated = Date.now()
  }
  return asset
}

describe('Bynder applies writes late (202): full-set writes planned over this service\'s own write log', () => {
  it('an asset shared by two products keeps both identifiers when the two product tasks race', () => withWorld(async (w) => {
    w.bynder.settings.writeDelayMs = SLOW_APPLY_MS
    const asset = sharedAsset(w, ['mug', 'sunglasses'])
    // Both events first, then one drain: the worker runs the two product tasks concurrently.
    for (const sku of ['mug', 'sunglasses']) await w.productEvent(findProductByIdentifier(w.akeneo.state, sku)!.uuid, 'com.akeneo.pim.v1.product.updated')
    await w.settle()
    assert.deepEqual(names(w, asset, 'akeneo_product_sku'), ['mug', 'sunglasses'])
    const posts = w.bynder.writes.filter((write) => write.assetId === asset.id)
    assert.equal(posts.length, 2, 'each product posts once; the second re-plans over the first\'s logged set')
  }))

  it('two replicas (separate clients, one store) racing on the asset keep both identifiers', () => withWorld(async (w) => {
    w.bynder.settings.writeDelayMs = SLOW_APPLY_MS
    const asset = sharedAsset(w, ['mug', 'sunglasses'])
    const replica = (): Parameters<typeof syncProduct>[0] => {
      const client = createBynderClient({ baseUrl: w.bynder.url, permanentToken: DEFAULT_FAKE_TOKEN, maxRequestsPerSecond: 100 })
      return { akeneo: w.app.akeneo, bynder: () => client, store: w.app.store, mapping: w.app.mapping }
    }
    const jobs = new Set(['update-properties'] as const)
    await Promise.all(['mug', 'sunglasses'].map(async (sku) => await syncProduct(replica(), 'product', w.akeneo.uuids[sku]!, { jobs })))
    await w.bynder.writesApplied()
    assert.deepEqual(names(w, asset, 'akeneo_product_sku'), ['mug', 'sunglasses'])
  }))

  it('the meta_updated that follows our own write does not unlink a product a stale read does not show yet', () => withWorld(async (w) => {
    const asset = w.asset({ name: 'two', properties: { akeneo_product_sku: ['mug', 'sunglasses'], akeneo_asset_type: ['packshot_image'] } })
    await w.notify(asset)
    await w.settle()
    assert.notEqual(w.value('sunglasses', 'packshot_image'), null)
    const sku = findMetapropertyByName(w.bynder.state, 'akeneo_product_sku')!
    // This service has just posted [mug, sunglasses]; Bynder still serves an older view without sunglasses.
    await w.app.store.assetWrites.record('bynder', asset.id, 0, { [sku.id]: [...(asset.values[sku.id] as string[])] }, Date.now())
    w.edit(asset, { akeneo_product_sku: ['mug'] }, { dateModified: '2026-05-01T09:00:00Z' })
    asset.dateModified = '2026-05-01T09:00:00Z'
    await w.notify(asset)
    await w.settle()
    assert.notEqual(w.value('sunglasses', 'packshot_image'), null, 'still linked')
    assert.deepEqual((await w.links(`?asset=${asset.id}`)).map((l) => l.target_code).sort(), ['mug', 'sunglasses'])

    // A read newer than the logged write is an edit made after it: it wins.
    w.edit(asset, {}, { dateModified: new Date(Date.now() + 5_000).toISOString().replace(/\.\d{3}Z$/, 'Z') })
    asset.dateModified = new Date(Date.now() + 5_000).toISOString().replace(/\.\d{3}Z$/, 'Z')
    await w.notify(asset)
    await w.settle()
    assert.equal(w.value('sunglasses', 'packshot_image'), null, 'unlinked by the later edit')
  }))
})
