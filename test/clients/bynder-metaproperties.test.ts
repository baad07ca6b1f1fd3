import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { createBynderClient, type BynderClient } from '../../src/clients/bynder/index.js'
import { UpstreamError } from '../../src/clients/upstream-error.js'
import { DEFAULT_FAKE_TOKEN, seedRealisticPortal, startFakeBynder, type FakeBynder, type SeededPortal } from '../fakes/bynder/index.js'

let fake: FakeBynder
let portal: SeededPortal
let client: BynderClient
const metapropertyCalls = () => fake.requests.filter((r) => r.path === '/api/v4/metaproperties/').length

before(async () => {
  fake = await startFakeBynder({ maxRequestsPerSecond: 1000 })
  portal = seedRealisticPortal(fake)
  client = createBynderClient({ baseUrl: fake.url, permanentToken: DEFAULT_FAKE_TOKEN, maxRequestsPerSecond: 1000, metapropertiesTtlMs: 60_000, retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 5 } })
})
after(async () => { await fake.close() })
beforeEach(() => { fake.requests.length = 0 })

describe('Bynder client: metaproperties', () => {
  it('indexes by name and id (not by the answer key) and caches until invalidated', async () => {
    const [a, b] = await Promise.all([client.getMetaproperties(), client.getMetaproperties()])
    assert.equal(a, b)
    const sku = a.byName.get('akeneo_product_sku')
    assert.equal(sku?.id, portal.metaproperties.sku.id)
    assert.equal(a.byId.get(portal.metaproperties.sku.id), sku)
    assert.equal(sku?.isMultiselect, true)
    assert.equal(sku?.optionsByName.get('SKU_1001')?.label, 'SKU-1001')
    const optionId = portal.metaproperties.sku.options[0]!.id
    assert.equal(sku?.optionsById.get(optionId)?.name, 'SKU_1001')
    await client.getMetaproperties()
    assert.equal(metapropertyCalls(), 1)
    client.invalidateMetaproperties()
    await client.getMetaproperties()
    assert.equal(metapropertyCalls(), 2)
  })

  it('writes metaproperty.<id>=a,b as a single form field and nothing else', async () => {
    const { sku, assetType, sortOrder } = portal.metaproperties
    const asset = portal.assets.unlinked
    const ids = [sku.options[0]!.id, sku.options[1]!.id]
    await client.setMetaproperties(asset.id, { [sku.id]: ids, [assetType.id]: [assetType.options[0]!.id], [sortOrder.id]: '4' })
    const post = fake.requests.find((r) => r.method === 'POST')!
    assert.match(post.contentType ?? '', /^application\/x-www-form-urlencoded/)
    assert.deepEqual(post.formPairs, [[`metaproperty.${sku.id}`, ids.join(',')], [`metaproperty.${assetType.id}`, assetType.options[0]!.id], [`metaproperty.${sortOrder.id}`, '4']])
    const write = fake.writes.at(-1)!
    assert.deepEqual(write.dangerousFields, {})
    assert.deepEqual(write.deprecatedOptionNames, [])
    await fake.writesApplied()
    const after = await client.getAsset(asset.id)
    assert.deepEqual(after?.properties.akeneo_product_sku, ['SKU_1001', 'SKU_1002'])
    assert.deepEqual(after?.properties.akeneo_sort_order, ['4'])
    assert.equal(after?.name, 'moodboard')
  })

  it('creates an option with data= JSON only, then finds it in the cache without a second POST', async () => {
    const { modelCode } = portal.metaproperties
    const created = await client.createOrGetOption(modelCode.id, { name: 'jacket-2026 XL' })
    assert.equal(created.created, true)
    assert.equal(created.name, 'jacket_2026_XL')
    assert.equal(created.label, 'jacket-2026 XL')
    const post = fake.requests.find((r) => r.method === 'POST')!
    assert.deepEqual(post.formPairs?.map(([k]) => k), ['data'])
    assert.deepEqual(JSON.parse(post.form!.data!), { name: 'jacket_2026_XL', label: 'jacket-2026 XL' })
    assert.equal(modelCode.options.find((o) => o.id === created.id)?.label, 'jacket-2026 XL')
    const again = await client.createOrGetOption(modelCode.id, { name: 'jacket-2026 XL' })
    assert.deepEqual([again.id, again.created], [created.id, false])
    assert.equal(fake.requests.filter((r) => r.method === 'POST').length, 1)
  })

  it('treats 400 with existingUUID as found when the cache is stale', async () => {
    const { sku } = portal.metaproperties
    await client.getMetaproperties()
    const other = fake.addOption(sku, { name: 'SKU_9009', label: 'SKU-9009' }) // created behind the cache's back
    const found = await client.createOrGetOption(sku.id, { name: 'SKU-9009', label: 'SKU-9009' })
    assert.deepEqual([found.id, found.created], [other.id, false])
    assert.equal(fake.requests.filter((r) => r.method === 'POST' && r.status === 400).length, 1)
    assert.equal((await client.getMetaproperties()).byId.get(sku.id)?.optionsByName.get('SKU_9009')?.id, other.id)
  })

  it('surfaces a missing right as a non-retryable UpstreamError with Bynder’s message', async () => {
    fake.addToken('no-rights', [])
    const weak = createBynderClient({ baseUrl: fake.url, permanentToken: 'no-rights', retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 5 } })
    const err = await weak.createOrGetOption(portal.metaproperties.brand.id, { name: 'Initech' }).catch((e: unknown) => e)
    assert.ok(err instanceof UpstreamError)
    assert.equal(err.status, 403)
    assert.equal(err.retryable, false)
    assert.match(err.message, /METAPROPERTYMANAGEMENT/)
    assert.equal(fake.requests.filter((r) => r.status === 403).length, 1, 'a 403 is not retried')
  })
})
