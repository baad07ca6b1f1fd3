import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { flushUuidLookups } from '../../src/handlers/product-uuids.js'
import { raw, rawToken, startHarness } from '../fakes/akeneo/harness.js'
import { findProductByIdentifier } from '../fakes/akeneo/state.js'
import { findMetapropertyByName } from '../fakes/bynder/catalog.js'
import { startLinkWorld, type LinkWorld } from './link-harness.js'

/** A PIM whose integrators named the identifier attribute `ean` instead of Akeneo's default `sku`. */
async function withEanWorld (fn: (w: LinkWorld) => Promise<void>): Promise<void> {
  const world = await startLinkWorld({}, { akeneo: { identifierAttribute: 'ean' } })
  try { await fn(world) } finally { await world.close() }
}

const attributeReads = (requests: Array<{ path: string }>): number => requests.filter((r) => r.path === '/api/rest/v1/attributes').length

describe('a PIM whose identifier attribute is not `sku`', () => {
  it('the emulator refuses the identifier filter under the wrong attribute code, as Akeneo does', async () => {
    const h = await startHarness({ identifierAttribute: 'ean' }, { identifierAttribute: 'sku' })
    try {
      await assert.rejects(async () => { for await (const product of h.client.searchProducts({ identifiers: ['mug'] })) assert.fail(product.uuid) }, /422/)
    } finally { await h.close() }
  })

  it('the emulator lists attributes by type with `IN` and refuses other operators', async () => {
    const h = await startHarness({ identifierAttribute: 'ean' })
    try {
      const token = await rawToken(h.fake)
      const byType = (operator: string): string => `/api/rest/v1/attributes?search=${encodeURIComponent(JSON.stringify({ type: [{ operator, value: ['pim_catalog_identifier'] }] }))}`
      const listed = await raw(h.fake, token, 'GET', byType('IN'))
      assert.deepEqual(listed.json()._embedded.items.map((a: { code: string }) => a.code), ['ean'])
      assert.equal((await raw(h.fake, token, 'GET', byType('NOT IN'))).status, 422)
    } finally { await h.close() }
  })

  it('the client learns the code once from the attributes of type pim_catalog_identifier, shared by concurrent callers', async () => {
    const h = await startHarness({ identifierAttribute: 'ean' })
    try {
      h.fake.resetCounters()
      assert.deepEqual(await Promise.all([h.client.identifierAttribute(), h.client.identifierAttribute(), h.client.identifierAttribute()]), ['ean', 'ean', 'ean'])
      assert.equal(await h.client.identifierAttribute(), 'ean')
      assert.equal(attributeReads(h.fake.requests), 1)
      const found = []
      for await (const product of h.client.searchProducts({ identifiers: ['mug'] })) found.push(product.uuid)
      assert.deepEqual(found, [h.fake.uuids.mug])
    } finally { await h.close() }
  })

  it('a failed look-up is not kept: the next call asks again; a configured code asks nothing', async () => {
    const h = await startHarness({ identifierAttribute: 'ean' }, { retry: { limit: 0 } })
    try {
      h.fake.failNext({ status: 500 })
      await assert.rejects(h.client.identifierAttribute(), /500/)
      assert.equal(await h.client.identifierAttribute(), 'ean')
      assert.equal(attributeReads(h.fake.requests), 2)
    } finally { await h.close() }
    const configured = await startHarness({ identifierAttribute: 'ean' }, { identifierAttribute: 'ean' })
    try {
      assert.equal(await configured.client.identifierAttribute(), 'ean')
      assert.equal(attributeReads(configured.fake.requests), 0)
    } finally { await configured.close() }
  })

  it('a first link made without a read records the product uuid through one identifier search on `ean`', () => withEanWorld(async (w) => {
    // The process's first link reads its product (the edition); the later first links do not.
    const first = w.asset({ name: 'packshot-sunglasses', properties: { akeneo_product_sku: ['sunglasses'], akeneo_asset_type: ['packshot_image'] } })
    await w.notify(first, 'asset_bank.media.create')
    await w.settle()
    const asset = w.asset({ name: 'packshot-mug', properties: { akeneo_product_sku: ['mug'], akeneo_asset_type: ['packshot_image'] } })
    await w.notify(asset, 'asset_bank.media.create')
    await w.settle()
    assert.equal((await w.links('?product=mug'))[0]?.product_uuid, null, 'not read before the upload')
    await flushUuidLookups(w.app.store)
    assert.equal((await w.links('?product=mug'))[0]?.product_uuid, findProductByIdentifier(w.akeneo.state, 'mug')!.uuid)
  }))

  it('a product event read by uuid is known by its `ean` value: enrichment reaches the Bynder asset', () => withEanWorld(async (w) => {
    const asset = w.asset({ name: 'packshot-mug', properties: { akeneo_product_sku: ['mug'], akeneo_asset_type: ['packshot_image'] } })
    await w.notify(asset, 'asset_bank.media.create')
    await w.settle()
    const product = findProductByIdentifier(w.akeneo.state, 'mug')!
    product.values.name = [{ locale: 'en_US', scope: null, data: 'Ceramic mug' }]
    product.updated = Date.now()
    await w.productEvent(product.uuid, 'com.akeneo.pim.v1.product.updated')
    await w.settle()
    const [event] = await w.app.store.listEvents({ limit: 1 })
    assert.equal(event!.task!.status, 'done')
    assert.doesNotMatch(event!.task!.outcome ?? '', /no identifier/)
    const productName = findMetapropertyByName(w.bynder.state, 'product_name')!
    assert.equal(asset.values[productName.id], 'Ceramic mug')
  }))
})
