import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { addProduct } from '../fakes/akeneo/seed.js'
import { findProductByIdentifier } from '../fakes/akeneo/state.js'
import type { FakeAsset } from '../fakes/bynder/index.js'
import { startLinkWorld, type LinkWorld } from '../handlers/link-harness.js'
import { getRun, replayJob } from './replay-helpers.js'

async function withWorld (fn: (w: LinkWorld) => Promise<void>): Promise<void> {
  const world = await startLinkWorld()
  try { await fn(world) } finally { await world.close() }
}

/** The asset's text or option-name value of a metaproperty. */
function property (w: LinkWorld, asset: FakeAsset, name: string): unknown {
  const mp = [...w.bynder.state.metaproperties.values()].find((candidate) => candidate.name === name)!
  const value = asset.values[mp.id]
  return Array.isArray(value) ? value.map((id) => mp.options.find((o) => o.id === id)?.name) : value
}

const AKENEO_DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/

describe('update-properties / update-mapped-properties replays against the emulators', () => {
  it('query Akeneo with its strict date format, search_after and 100 a page, for products and product models', () => withWorld(async (w) => {
    const run = await replayJob(w.app, 'update-properties', { max_updated_time_in_minutes: 30 })
    assert.equal(run.status, 'done', run.error ?? '')
    const searches = w.akeneo.requests.filter((r) => r.method === 'GET' && ['/api/rest/v1/products-uuid', '/api/rest/v1/product-models'].includes(r.path))
    assert.deepEqual(searches.map((r) => r.path), ['/api/rest/v1/products-uuid', '/api/rest/v1/product-models'])
    for (const request of searches) {
      assert.equal(request.status, 200)
      assert.equal(request.query.pagination_type, 'search_after')
      assert.equal(request.query.limit, '100')
      const [filter] = (JSON.parse(request.query.search!) as { updated: Array<{ operator: string, value: string }> }).updated
      assert.equal(filter!.operator, '>')
      assert.match(filter!.value, AKENEO_DATE)
      const since = Date.parse(`${filter!.value.replace(' ', 'T')}Z`)
      assert.ok(Math.abs(since - (Date.now() - 30 * 60_000)) < 5_000, `${filter!.value} is 30 minutes back`)
    }
    // The seeded catalog was last updated weeks ago: nothing listed.
    assert.equal(run.counts.listed, 0)
  }))

  it('queue the products updated in the window with the listed product; the handler enriches its assets', () => withWorld(async (w) => {
    const asset = w.asset({ name: 'mug-shot', properties: { akeneo_product_sku: ['mug'], akeneo_asset_type: ['packshot_image'] } })
    await w.notify(asset, 'asset_bank.media.create')
    await w.settle()
    assert.equal(property(w, asset, 'product_name'), undefined)
    // The link's upload updated the product: it is in the window. The event saying so was lost.
    const mug = findProductByIdentifier(w.akeneo.state, 'mug')!
    assert.ok(mug.updated > Date.now() - 60_000)
    const reads = w.akeneo.requests.length
    const run = await replayJob(w.app, 'update-mapped-properties')
    assert.deepEqual([run.counts.listed, run.counts.queued], [1, 1])
    const [event] = await w.app.store.listEvents({ limit: 1 })
    assert.deepEqual([event?.source, event?.task?.entityKey, event?.task?.reasons], ['replay', `product:${mug.uuid}`, ['replay:update-mapped-properties']])
    await w.settle()
    assert.equal(property(w, asset, 'product_name'), 'Mug')
    assert.equal(w.akeneo.requests.slice(reads).filter((r) => r.path === `/api/rest/v1/products-uuid/${mug.uuid}`).length, 0, 'the listed product is not read again')
    assert.deepEqual((await getRun(w.app, run.id)).tasks, { pending: 0, running: 0, done: 1, dead: 0 })
  }))

  it('leave alone a product whose recorded version is the listed one, for the job that recorded it', () => withWorld(async (w) => {
    const product = addProduct(w.akeneo.state, { identifier: 'cap', family: 'accessories' })
    const { entityVersion, recordEntityVersion } = await import('../../src/replay/entity-version.js')
    const listed = { updated: new Date(product.updated).toISOString().replace(/\.\d{3}Z$/, '+00:00') }
    await recordEntityVersion(w.app.store.versions, 'product', product.uuid, listed, w.app.mapping, new Set(['update-properties']), Date.now())
    assert.ok(entityVersion(listed, w.app.mapping)?.startsWith(listed.updated))
    const properties = await replayJob(w.app, 'update-properties')
    assert.deepEqual([properties.counts.listed, properties.counts.settled, properties.counts.queued], [1, 1, 0])
    const mapped = await replayJob(w.app, 'update-mapped-properties')
    assert.deepEqual([mapped.counts.listed, mapped.counts.settled, mapped.counts.queued], [1, 0, 1])
  }))
})
