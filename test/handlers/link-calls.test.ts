import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { FakeAkeneoOptions } from '../fakes/akeneo/index.js'
import { findProductByIdentifier } from '../fakes/akeneo/state.js'
import { flushUuidLookups } from '../../src/handlers/product-uuids.js'
import { startLinkWorld, type LinkWorld } from './link-harness.js'

async function withWorld (akeneo: FakeAkeneoOptions, fn: (w: LinkWorld) => Promise<void>): Promise<void> {
  const world = await startLinkWorld({}, { akeneo })
  try { await fn(world) } finally { await world.close() }
}

/**
 * Akeneo calls the emulator saw: what one link cost. Tokens and attribute definitions aside:
 * both are cached per process (each slot's attribute is read once, not once per link).
 */
const calls = (w: LinkWorld): string[] => w.akeneo.requests.filter((r) => !r.path.includes('oauth') && !r.path.includes('/attributes')).map((r) => `${r.method} ${r.path}`)
const lifestyle = (w: LinkWorld, name: string, order: string): { id: string } =>
  w.asset({ name, properties: { akeneo_product_sku: ['tshirt-red'], akeneo_asset_type: ['application'], akeneo_sort_order: order } })

async function linkOne (w: LinkWorld, asset: { id: string }): Promise<void> {
  await w.notify(asset, 'asset_bank.media.create')
  await w.settle()
}

describe('Akeneo calls per new link (counted at the emulator)', () => {
  it('CE: the process\'s first link reads its product once (the edition, and so its uuid); every later new link into it is its upload alone', () => withWorld({}, async (w) => {
    await linkOne(w, lifestyle(w, 'life-1', '1'))
    assert.equal(calls(w).filter((call) => call === 'GET /api/rest/v1/products/tshirt-red').length, 1)
    const [first] = await w.links('?product=tshirt-red')
    assert.equal(first?.product_uuid, findProductByIdentifier(w.akeneo.state, 'tshirt-red')!.uuid)

    for (const order of ['2', '3']) {
      w.akeneo.resetCounters()
      await linkOne(w, lifestyle(w, `life-${order}`, order))
      assert.deepEqual(calls(w), ['POST /api/rest/v1/media-files'], `link ${order}`)
    }
    assert.equal((await w.links('?product=tshirt-red')).filter((row) => row.status === 'linked').length, 3)
  }))

  it('CE: the first link into each further product is its upload alone; one search then records the uuids deletion events name', () => withWorld({}, async (w) => {
    await linkOne(w, lifestyle(w, 'life-1', '1'))
    await flushUuidLookups(w.app.store)
    w.akeneo.resetCounters()
    const skus = ['sunglasses', 'mug']
    const assets = skus.map((sku) => w.asset({ name: `packshot-${sku}`, properties: { akeneo_product_sku: [sku], akeneo_asset_type: ['packshot_image'] } }))
    for (const asset of assets) await w.notify(asset, 'asset_bank.media.create')
    await w.settle()
    assert.deepEqual(calls(w), skus.map(() => 'POST /api/rest/v1/media-files'))
    assert.deepEqual((await w.links()).filter((row) => skus.includes(row.target_code as string)).map((row) => row.product_uuid), [null, null])

    await flushUuidLookups(w.app.store)
    assert.deepEqual(calls(w).slice(skus.length), ['GET /api/rest/v1/products-uuid'])
    for (const sku of skus) {
      const [row] = await w.links(`?product=${sku}`)
      assert.equal(row?.product_uuid, findProductByIdentifier(w.akeneo.state, sku)!.uuid, sku)
    }
  }))

  it('CE: a product deleted since the registry saw it refuses the upload; one read tells, the link waits and nothing is created', () => withWorld({}, async (w) => {
    await linkOne(w, lifestyle(w, 'life-1', '1'))
    const product = findProductByIdentifier(w.akeneo.state, 'tshirt-red')!
    w.akeneo.state.products.delete(product.uuid)
    w.akeneo.resetCounters()
    const second = lifestyle(w, 'life-2', '2')
    await linkOne(w, second)
    assert.deepEqual(calls(w), ['POST /api/rest/v1/media-files', 'GET /api/rest/v1/products/tshirt-red'])
    assert.equal(findProductByIdentifier(w.akeneo.state, 'tshirt-red'), undefined)
    const [row] = await w.links(`?asset=${second.id}`)
    assert.equal(row?.status, 'waiting')
  }))

  it('EE: every link still reads its product first (the workflow status says whether a write would become a draft)', () => withWorld({ edition: 'EE' }, async (w) => {
    await linkOne(w, lifestyle(w, 'life-1', '1'))
    w.akeneo.resetCounters()
    await linkOne(w, lifestyle(w, 'life-2', '2'))
    assert.deepEqual(calls(w), ['GET /api/rest/v1/products/tshirt-red', 'POST /api/rest/v1/media-files'])
  }))
})
