import assert from 'node:assert/strict'
import { test } from 'node:test'
import { startFakeAkeneo } from './akeneo/index.js'
import { raw, rawToken } from './akeneo/harness.js'

const products = '/api/rest/v1/products-uuid'

test('token endpoint: Basic client + password grant, refresh rotates the pair, bad credentials → 422', async () => {
  const fake = await startFakeAkeneo()
  try {
    const basic = 'Basic ' + Buffer.from(`${fake.client.clientId}:${fake.client.secret}`).toString('base64')
    const post = async (headers: Record<string, string>, body: string): Promise<Response> =>
      await fetch(`${fake.url}/api/oauth/v1/token`, { method: 'POST', headers: { authorization: basic, ...headers }, body })
    const form = await post({ 'content-type': 'application/x-www-form-urlencoded' }, `grant_type=password&username=${fake.client.username}&password=${fake.client.password}`)
    const pair = await form.json() as Record<string, unknown>
    assert.equal(form.status, 200)
    assert.deepEqual({ ...pair, access_token: 'x', refresh_token: 'y' }, { access_token: 'x', expires_in: 3600, token_type: 'bearer', scope: null, refresh_token: 'y' })
    const refresh = JSON.stringify({ grant_type: 'refresh_token', refresh_token: pair.refresh_token })
    const renewed = await post({ 'content-type': 'application/json' }, refresh)
    assert.equal(renewed.status, 200)
    assert.notEqual((await renewed.json() as Record<string, unknown>).refresh_token, pair.refresh_token)
    assert.equal((await post({ 'content-type': 'application/json' }, refresh)).status, 422, 'old refresh token is spent')
    const bad = await fetch(`${fake.url}/api/oauth/v1/token`, { method: 'POST', headers: { authorization: 'Basic ' + Buffer.from('x:y').toString('base64'), 'content-type': 'application/json' }, body: '{"grant_type":"password"}' })
    assert.equal(bad.status, 422)
    assert.match(((await bad.json()) as { message: string }).message, /client_id/)
  } finally { await fake.close() }
})

test('API routes answer 401 without a valid bearer token', async () => {
  const fake = await startFakeAkeneo({ tokenTtlSeconds: 1 })
  try {
    const none = await raw(fake, 'not-a-token', 'GET', products)
    assert.equal(none.status, 401)
    assert.deepEqual(none.json(), { code: 401, message: 'Authentication is required' })
    const token = await rawToken(fake)
    assert.equal((await raw(fake, token, 'GET', products)).status, 200)
    await new Promise(resolve => setTimeout(resolve, 1050))
    assert.equal((await raw(fake, token, 'GET', products)).status, 401, 'expired')
  } finally { await fake.close() }
})

test('search: dates only as "YYYY-MM-DD HH:MM:SS", limit ≤ 100, identifiers ≤ 100, search_after links', async () => {
  const fake = await startFakeAkeneo()
  try {
    const token = await rawToken(fake)
    const get = async (query: Record<string, string>): Promise<Awaited<ReturnType<typeof raw>>> => await raw(fake, token, 'GET', `${products}?${new URLSearchParams(query).toString()}`)
    const iso = await get({ search: JSON.stringify({ updated: [{ operator: '>', value: '2026-11-28T10:00:00Z' }] }) })
    assert.equal(iso.status, 422)
    assert.match(iso.json().message, /yyyy-mm-dd H:i:s/)
    const since = (operator: string, value: unknown): Promise<Awaited<ReturnType<typeof raw>>> => get({ search: JSON.stringify({ updated: [{ operator, value }] }) })
    assert.equal((await since('>', '2026-10-31 23:59:59')).json()._embedded.items.length, 4)
    assert.equal((await since('<', '2026-11-01 08:00:00')).json()._embedded.items.length, 0)
    assert.equal((await since('=', '2026-11-01 08:00:00')).json()._embedded.items.length, 4)
    assert.equal((await since('BETWEEN', ['2026-11-01 07:00:00', '2026-11-01 09:00:00'])).json()._embedded.items.length, 4)
    assert.equal((await since('SINCE LAST N DAYS', 1)).json()._embedded.items.length, 0)
    assert.equal((await get({ limit: '101' })).status, 422)
    const tooMany = Array.from({ length: 101 }, (_, i) => `s${i}`)
    assert.equal((await get({ search: JSON.stringify({ sku: [{ operator: 'IN', value: tooMany }] }) })).status, 422)
    const first = (await get({ limit: '3', pagination_type: 'search_after' })).json()
    assert.equal(first._embedded.items.length, 3)
    assert.ok(first._embedded.items.every((p: { _links: { self: { href: string } } }) => p._links.self.href.startsWith(fake.url)))
    const next = new URL(first._links.next.href)
    const second = (await raw(fake, token, 'GET', next.pathname + next.search)).json()
    assert.equal(second._embedded.items.length, 1)
    assert.equal(second._links.next, undefined)
  } finally { await fake.close() }
})

test('bulk PATCH: collection content type only, > 100 lines → 413, one result line per item', async () => {
  const fake = await startFakeAkeneo()
  try {
    const token = await rawToken(fake)
    const line = JSON.stringify({ uuid: fake.uuids.mug, values: { name: [{ locale: 'en_US', scope: null, data: 'Cup' }] } })
    const collection = 'application/vnd.akeneo.collection+json'
    assert.equal((await raw(fake, token, 'PATCH', products, { body: line, contentType: 'application/json' })).status, 415)
    assert.equal((await raw(fake, token, 'PATCH', products, { body: Array(101).fill(line).join('\n'), contentType: collection })).status, 413)
    const answer = await raw(fake, token, 'PATCH', products, { body: [line, '{oops', JSON.stringify({ values: {} })].join('\n'), contentType: collection })
    assert.equal(answer.status, 200)
    const results = answer.text.split('\n').map(l => JSON.parse(l))
    assert.deepEqual(results.map(r => [r.line, r.status_code]), [[1, 204], [2, 400], [3, 422]])
    assert.equal(results[0].uuid, fake.uuids.mug)
  } finally { await fake.close() }
})
