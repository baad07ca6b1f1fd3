import assert from 'node:assert/strict'
import { test } from 'node:test'
import { addProduct, startFakeAkeneo, type FakeAkeneo } from './akeneo/index.js'
import { raw, rawToken } from './akeneo/harness.js'
import { SortedKeysMap } from './akeneo/sorted-keys-map.js'

const uuidOf = (i: number): string => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`
const recent = Date.parse('2026-11-01T10:00:00Z')
const old = Date.parse('2026-11-01T07:00:00Z')
const search = JSON.stringify({ updated: [{ operator: '>', value: '2026-11-01 09:00:00' }] })

/**
 * 40 products that sort before the 4 seeded ones (random uuids, updated 08:00, so excluded):
 * every third is old too, except one whose parent model is recent. 28 match.
 */
function seedListing (fake: FakeAkeneo): string[] {
  fake.state.productModels.set('late', { code: 'late', family: 'clothing', family_variant: 'clothing_by_color', parent: null, categories: [], values: {}, created: recent, updated: recent })
  const matching: string[] = []
  for (let i = 0; i < 40; i++) {
    const parent = i === 4 ? 'late' : null
    addProduct(fake.state, { identifier: `p${i}`, uuid: uuidOf(i), family: 'clothing', parent, updated: i % 3 === 1 ? old : recent })
    if (i % 3 !== 1 || i === 4) matching.push(uuidOf(i))
  }
  return matching
}

interface Page { uuids: string[], self: string, first: string, next: string | undefined, currentPage: unknown }

async function pageAt (fake: FakeAkeneo, token: string, path: string): Promise<Page> {
  const res = await raw(fake, token, 'GET', path)
  assert.equal(res.status, 200, res.text)
  const body = res.json()
  return { uuids: body._embedded.items.map((p: { uuid: string }) => p.uuid), self: body._links.self.href, first: body._links.first.href, next: body._links.next?.href, currentPage: body.current_page }
}
const pathOf = (href: string): string => href.slice(new URL(href).origin.length)

test('search_after pages over a filtered catalogue: every match once, in uuid order, next only while more match', async () => {
  const fake = await startFakeAkeneo()
  try {
    const token = await rawToken(fake)
    const matching = seedListing(fake)
    assert.equal(matching.length, 28)
    for (const limit of [1, 3, 7, 14, 27, 28, 29, 100]) {
      const query = new URLSearchParams({ pagination_type: 'search_after', limit: String(limit), search })
      let path: string | undefined = `/api/rest/v1/products-uuid?${query.toString()}`
      const pages: string[][] = []
      while (path !== undefined) {
        const page = await pageAt(fake, token, path)
        assert.equal(pathOf(page.self), path)
        assert.equal(pathOf(page.first), `/api/rest/v1/products-uuid?${query.toString()}`)
        assert.equal(page.currentPage, undefined)
        pages.push(page.uuids)
        path = page.next === undefined ? undefined : pathOf(page.next)
      }
      const expected = Array.from({ length: Math.ceil(28 / limit) }, (_, n) => matching.slice(n * limit, (n + 1) * limit))
      assert.deepEqual(pages, expected, `limit ${limit}`)

      // Page pagination lists the same slices.
      for (let n = 0; n < expected.length; n++) {
        const page = await pageAt(fake, token, `/api/rest/v1/products-uuid?${new URLSearchParams({ limit: String(limit), page: String(n + 1), search }).toString()}`)
        assert.deepEqual(page.uuids, expected[n])
        assert.equal(page.currentPage, n + 1)
        assert.equal(page.next !== undefined, n < expected.length - 1, `limit ${limit} page ${n + 1}`)
      }
    }
    const past = await pageAt(fake, token, `/api/rest/v1/products-uuid?${new URLSearchParams({ limit: '10', page: '4', search }).toString()}`)
    assert.deepEqual([past.uuids, past.next], [[], undefined])
  } finally { await fake.close() }
})

test('search_after pages see products added and removed between pages, also the one the token names', async () => {
  const fake = await startFakeAkeneo()
  try {
    const token = await rawToken(fake)
    const matching = seedListing(fake)
    const first = await pageAt(fake, token, `/api/rest/v1/products-uuid?${new URLSearchParams({ pagination_type: 'search_after', limit: '5', search }).toString()}`)
    assert.deepEqual(first.uuids, matching.slice(0, 5))
    const cursor = matching[4]!
    fake.state.products.delete(cursor)
    fake.state.products.delete(matching[6]!)
    addProduct(fake.state, { identifier: 'late-comer', uuid: `${cursor}a`, updated: recent })
    addProduct(fake.state, { identifier: 'too-late', uuid: uuidOf(0).replace(/0$/, '-'), updated: recent })
    const second = await pageAt(fake, token, pathOf(first.next!))
    assert.deepEqual(second.uuids, [`${cursor}a`, matching[5], matching[7], matching[8], matching[9]])
  } finally { await fake.close() }
})

test('product model pages: search_after over sorted codes with a filter', async () => {
  const fake = await startFakeAkeneo()
  try {
    const token = await rawToken(fake)
    for (const code of ['m3', 'm1', 'm4', 'm2', 'm0']) {
      const updated = code === 'm4' || code === 'm1' ? old : recent
      fake.state.productModels.set(code, { code, family: 'clothing', family_variant: 'clothing_by_color', parent: null, categories: [], values: {}, created: updated, updated })
    }
    const query = new URLSearchParams({ pagination_type: 'search_after', limit: '2', search })
    const one = await raw(fake, token, 'GET', `/api/rest/v1/product-models?${query.toString()}`)
    assert.deepEqual(one.json()._embedded.items.map((m: { code: string }) => m.code), ['m0', 'm2'])
    const two = await raw(fake, token, 'GET', pathOf(one.json()._links.next.href))
    assert.deepEqual(two.json()._embedded.items.map((m: { code: string }) => m.code), ['m3'])
    assert.equal(two.json()._links.next, undefined, 'm4 does not match: no next page')
  } finally { await fake.close() }
})

test('SortedKeysMap keeps its sorted keys right through inserts, overwrites, deletes and clear', () => {
  const map = new SortedKeysMap<number>([['b', 1], ['a', 2]])
  assert.deepEqual(map.sortedKeys(), ['a', 'b'])
  let seed = 7
  const next = (): number => { seed = (seed * 48271) % 2147483647; return seed }
  for (let step = 0; step < 2000; step++) {
    const key = `k${next() % 300}`
    if (next() % 3 === 0) map.delete(key)
    else map.set(key, step)
    if (step % 97 === 0) assert.deepEqual(map.sortedKeys(), [...map.keys()].sort())
  }
  assert.deepEqual(map.sortedKeys(), [...map.keys()].sort())
  map.clear()
  map.set('z', 0)
  assert.deepEqual(map.sortedKeys(), ['z'])
})
