import assert from 'node:assert/strict'
import { test } from 'node:test'
import { addProduct } from '../fakes/akeneo/index.js'
import { startHarness } from '../fakes/akeneo/harness.js'

const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => { const all: T[] = []; for await (const i of items) all.push(i); return all }

test('searchProducts follows _links.next (search_after) over several pages until there is none', async () => {
  const { fake, client, close } = await startHarness()
  try {
    for (let i = 0; i < 21; i++) addProduct(fake.state, { identifier: `extra-${i}`, family: 'accessories' })
    const products = await collect(client.searchProducts({ limit: 10 }))
    assert.equal(products.length, 25)
    assert.equal(new Set(products.map(p => p.uuid)).size, 25)
    const pages = fake.requests.filter(r => r.path === '/api/rest/v1/products-uuid')
    assert.equal(pages.length, 3)
    assert.ok(pages.every(r => r.query.pagination_type === 'search_after' && r.query.limit === '10'))
    assert.equal(pages[0]?.query.search_after, undefined)
    assert.ok(pages.slice(1).every(r => typeof r.query.search_after === 'string' && r.query.search_after !== ''))
  } finally { await close() }
})

test('updatedAfter is sent as "YYYY-MM-DD HH:MM:SS" UTC, one second early so the same second is not missed', async () => {
  const { fake, client, close } = await startHarness()
  try {
    addProduct(fake.state, { identifier: 'old', updated: Date.parse('2026-11-28T09:59:58Z') })
    addProduct(fake.state, { identifier: 'same-second', updated: Date.parse('2026-11-28T10:00:00.900Z') })
    addProduct(fake.state, { identifier: 'later', updated: Date.parse('2026-11-28T10:05:00Z') })
    const found = await collect(client.searchProducts({ updatedAfter: new Date('2026-11-28T10:00:00.500Z') }))
    assert.deepEqual(found.map(p => p.values.sku?.[0]?.data).sort(), ['later', 'same-second'])
    const sent = fake.requests.find(r => r.path === '/api/rest/v1/products-uuid')?.query.search
    assert.deepEqual(JSON.parse(sent ?? '{}'), { updated: [{ operator: '>', value: '2026-11-28 09:59:59' }] })
  } finally { await close() }
})

test('identifiers are searched in chunks of at most 100', async () => {
  const { fake, client, close } = await startHarness()
  try {
    const wanted = [...Array.from({ length: 148 }, (_, i) => `unknown-${i}`), 'mug', 'sunglasses']
    const found = await collect(client.searchProducts({ identifiers: wanted, attributes: ['sku', 'name'] }))
    assert.deepEqual(found.map(p => p.values.sku?.[0]?.data).sort(), ['mug', 'sunglasses'])
    assert.deepEqual(Object.keys(found[0]?.values ?? {}).sort(), ['name', 'sku'])
    const searches = fake.requests.filter(r => r.path === '/api/rest/v1/products-uuid').map(r => JSON.parse(r.query.search ?? '{}'))
    assert.deepEqual(searches.map(s => s.sku[0].value.length), [100, 50])
    assert.ok(searches.every(s => s.sku[0].operator === 'IN'))
  } finally { await close() }
})

test('searchProductModels filters by code and validates items', async () => {
  const { client, close } = await startHarness()
  try {
    const models = await collect(client.searchProductModels({ identifiers: ['tshirt', 'nope'] }))
    assert.deepEqual(models.map(m => m.code), ['tshirt'])
    assert.equal(models[0]?.values.brand?.[0]?.data, 'acme')
  } finally { await close() }
})

test('lookups answer null on 404 and attributes are cached', async () => {
  const { fake, client, close } = await startHarness()
  try {
    assert.equal(await client.getProduct('00000000-0000-4000-8000-000000000000'), null)
    assert.equal(await client.getProductByIdentifier('no-such-sku'), null)
    assert.equal((await client.getProductByIdentifier('mug'))?.identifier, 'mug')
    assert.equal(await client.getProductModel('no-such-model'), null)
    const attributes = await client.getAttributes(['name', 'packshot_image', 'nope'])
    assert.deepEqual([...attributes.keys()].sort(), ['name', 'packshot_image'])
    assert.equal(attributes.get('name')?.localizable, true)
    const before = fake.requests.length
    assert.equal((await client.getAttribute('packshot_image'))?.type, 'pim_catalog_image')
    await client.getAttributes(['name'])
    assert.equal(fake.requests.length, before, 'served from the cache')
    assert.equal(await client.getAttribute('nope'), null)
  } finally { await close() }
})

test('concurrent attribute reads share one request; a failed read is not kept, the next call sends it again', async () => {
  const { fake, client, close } = await startHarness({ latencyMs: 20 }, { retry: { limit: 0 } })
  try {
    const searches = (): number => fake.requests.filter(r => r.path === '/api/rest/v1/attributes').length
    // 16 tasks claimed together, each wanting the same definitions (and one the same by code).
    const results = await Promise.all([
      ...Array.from({ length: 16 }, async () => await client.getAttributes(['name', 'packshot_image', 'nope'])),
      client.getAttribute('name').then((name) => new Map(name === null ? [] : [['name', name]]))
    ])
    assert.equal(searches(), 1, 'one list call for all of them')
    assert.equal(fake.requests.filter(r => r.path.startsWith('/api/rest/v1/attributes/')).length, 0, 'the single read waits on the list call')
    for (const found of results.slice(0, 16)) assert.deepEqual([...found.keys()].sort(), ['name', 'packshot_image'])
    assert.equal(results[16]?.get('name')?.code, 'name')

    // A failure reaches every caller sharing the read, and is not kept.
    fake.failNext({ status: 500 })
    const failed = await Promise.allSettled([client.getAttributes(['sku', 'name']), client.getAttributes(['sku'])])
    assert.deepEqual(failed.map(r => r.status), ['rejected', 'rejected'])
    assert.equal(searches(), 2)
    assert.equal((await client.getAttributes(['sku', 'name'])).get('sku')?.type, 'pim_catalog_identifier')
    assert.equal(searches(), 3, 'the failed code is read again; the cached one is not')
    assert.deepEqual(JSON.parse(fake.requests.filter(r => r.path === '/api/rest/v1/attributes').at(-1)?.query.search ?? '{}'), { code: [{ operator: 'IN', value: ['sku'] }] })
  } finally { await close() }
})
