/* eslint-disable @typescript-eslint/no-explicit-any -- tests read answer bodies loosely, as raw JSON */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { DEFAULT_FAKE_TOKEN, seedRealisticPortal, startFakeBynder, type AssetModifiedEvent, type FakeBynder, type SeededPortal } from './bynder/index.js'

let fake: FakeBynder
let portal: SeededPortal
const auth = { authorization: `Bearer ${DEFAULT_FAKE_TOKEN}` }
const FORM = 'application/x-www-form-urlencoded'

async function call (path: string, init: RequestInit = {}): Promise<{ status: number, body: any, headers: Headers }> {
  const res = await fetch(path.startsWith('http') ? path : `${fake.url}${path}`, { redirect: 'manual', ...init, headers: { ...auth, ...(init.headers as Record<string, string>) } })
  const text = await res.text()
  let body: unknown = text
  try { body = JSON.parse(text) } catch { /* not JSON */ }
  return { status: res.status, body, headers: res.headers }
}
const post = (path: string, body: string, type = FORM) => call(path, { method: 'POST', headers: { 'content-type': type }, body })

before(async () => {
  fake = await startFakeBynder({ maxRequestsPerSecond: 1000 })
  portal = seedRealisticPortal(fake)
})
after(async () => { await fake.close() })

describe('fake Bynder: writing metaproperties', () => {
  it('replaces the option set from one comma-joined field, answers 202 and emits the modification', async () => {
    const { sku } = portal.metaproperties
    const asset = portal.assets.unlinked
    const events: AssetModifiedEvent[] = []
    const off = fake.onAssetModified((e) => events.push(e))
    const [o1, o2] = [sku.options[0]!, sku.options[1]!]
    fake.settings.writeDelayMs = 500
    const res = await post(`/api/v4/media/${asset.id}/`, `metaproperty.${sku.id}=${o1.id},${o2.id}`)
    off()
    assert.equal(res.status, 202)
    assert.deepEqual(res.body, { message: 'Accepted', statuscode: 202 })
    assert.equal('property_akeneo_product_sku' in (await call(`/api/v4/media/${asset.id}/`)).body, false, 'a read right after the 202 still shows the old values')
    assert.equal(events.length, 1, 'the notification does not wait for the write to apply')
    fake.settings.writeDelayMs = 30
    await fake.writesApplied()
    assert.deepEqual(asset.values[sku.id], [o1.id, o2.id])
    assert.notEqual(asset.dateModified, '2026-04-08T08:00:00Z')
    assert.equal(events.length, 1)
    assert.equal(events[0]!.assetId, asset.id)
    const view = await call(`/api/v4/media/${asset.id}/`)
    assert.deepEqual(view.body.property_akeneo_product_sku, [o1.name, o2.name])
  })

  it('clears with an empty value, takes text as is, records option names as deprecated', async () => {
    const { sku, sortOrder, colors } = portal.metaproperties
    const asset = portal.assets.unlinked
    await post(`/api/v4/media/${asset.id}/`, `metaproperty.${sku.id}=&metaproperty.${sortOrder.id}=3&metaproperty.${colors.id}=red`)
    await fake.writesApplied()
    assert.deepEqual(asset.values[sku.id], [])
    assert.equal(asset.values[sortOrder.id], '3')
    assert.deepEqual(fake.writes.at(-1)!.deprecatedOptionNames, ['red'])
    const view = await call(`/api/v4/media/${asset.id}/`)
    assert.equal('property_akeneo_product_sku' in view.body, false)
  })

  it('rejects unknown metaproperty or option ids with 400 and changes nothing', async () => {
    const asset = portal.assets.packshot
    const before = JSON.stringify(asset.values)
    assert.equal((await post(`/api/v4/media/${asset.id}/`, 'metaproperty.NOPE=1')).status, 400)
    assert.equal((await post(`/api/v4/media/${asset.id}/`, `name=x&metaproperty.${portal.metaproperties.sku.id}=NOT-AN-OPTION`)).status, 400)
    assert.equal(JSON.stringify(asset.values), before)
    assert.equal(asset.name, 'tshirt-front')
  })

  it('accepts only form bodies: JSON and multipart get 400', async () => {
    const path = `/api/v4/media/${portal.assets.packshot.id}/`
    assert.equal((await post(path, JSON.stringify({ name: 'x' }), 'application/json')).status, 400)
    assert.equal((await post(path, 'x', 'text/plain')).status, 400)
    const multipart = new FormData()
    multipart.set('name', 'x')
    assert.equal((await call(path, { method: 'POST', body: multipart })).status, 400)
    assert.equal(portal.assets.packshot.name, 'tshirt-front')
  })

  it('ignores property_<name> fields, and an empty name wipes the name (recorded as dangerous)', async () => {
    const asset = portal.assets.modelShot
    await post(`/api/v4/media/${asset.id}/`, 'property_brand=Globex&name=')
    await fake.writesApplied()
    assert.equal(asset.name, '')
    assert.equal(asset.values[portal.metaproperties.brand.id], undefined)
    const w = fake.writes.at(-1)!
    assert.deepEqual(w.ignoredFields, ['property_brand'])
    assert.deepEqual(w.dangerousFields, { name: '' })
    assert.deepEqual(fake.requests.at(-1)!.formPairs, [['property_brand', 'Globex'], ['name', '']])
  })
})

describe('fake Bynder: options', () => {
  const path = () => `/api/v4/metaproperties/${portal.metaproperties.sku.id}/options/`

  it('lists metaproperties as an object keyed by id (not by name)', async () => {
    const res = await call('/api/v4/metaproperties/')
    assert.ok(!Array.isArray(res.body))
    const { sku } = portal.metaproperties
    assert.equal(res.body[sku.id].name, 'akeneo_product_sku')
    assert.equal(res.body.akeneo_product_sku, undefined)
    assert.equal(res.body[sku.id].isMultiselect, 1)
  })

  it('creates from a single data field, sanitising the name, and answers existingUUID on a duplicate', async () => {
    const created = await post(path(), `data=${encodeURIComponent(JSON.stringify({ name: 'SKU 3001/b', label: 'SKU 3001/b' }))}`)
    assert.equal(created.status, 201)
    const option = portal.metaproperties.sku.options.find((o) => o.id === created.body.id)
    assert.equal(option?.name, 'SKU_3001_b')
    assert.equal(option?.label, 'SKU 3001/b')
    const dup = await post(path(), `data=${encodeURIComponent(JSON.stringify({ name: 'SKU_3001_b' }))}`)
    assert.equal(dup.status, 400)
    assert.equal(dup.body.existingUUID, created.body.id)
  })

  it('rejects fields outside data, bad JSON and non-form bodies', async () => {
    assert.equal((await post(path(), 'name=x')).status, 400)
    assert.equal((await post(path(), `data=${encodeURIComponent('{"name":"y"}')}&label=y`)).status, 400)
    assert.equal((await post(path(), 'data=not-json')).status, 400)
    assert.equal((await post(path(), JSON.stringify({ data: { name: 'z' } }), 'application/json')).status, 400)
  })

  it('searches options by name and pages them (limit ≤ 1000)', async () => {
    const res = await call(`${path()}?name=sku_100&limit=1&page=2`)
    assert.deepEqual(res.body.map((o: any) => o.name), ['SKU_1002'])
    assert.equal((await call(`${path()}?limit=1001`)).status, 400)
  })
})

describe('fake Bynder: downloads, trash, rate limit and injected failures', () => {
  it('serves the original through an expiring s3_file URL that needs no auth', async () => {
    const asset = portal.assets.packshot
    const res = await call(`/api/v4/media/${asset.id}/download/`)
    // S3 is another host than the portal (its requests are not Bynder API calls).
    assert.notEqual(new URL(res.body.s3_file).origin, fake.url)
    const file = await fetch(res.body.s3_file)
    assert.equal(await file.text(), `original bytes of ${asset.id}`)
    fake.settings.downloadUrlTtlMs = -1
    const expired = await call(`/api/v4/media/${asset.id}/download/`)
    fake.settings.downloadUrlTtlMs = 60_000
    assert.equal((await fetch(expired.body.s3_file)).status, 403)
    assert.equal((await fetch(`${fake.url}/s3/unknown/x.jpg`)).status, 403)
    const thumb = await fetch((await call(`/api/v4/media/${asset.id}/`)).body.thumbnails.Akeneo_1200)
    assert.equal(await thumb.text(), `derivative Akeneo_1200 of ${asset.id}`)
  })

  it('downloads one media item by id; only the original item needs MEDIAHIGHRES', async () => {
    const asset = portal.assets.packshot
    const items = (await call(`/api/v4/media/${asset.id}/?versions=1`)).body.mediaItems as Array<{ id: string, type: string, name?: string }>
    const web = items.find((i) => i.name === 'webimage')!
    fake.addToken('no-highres', ['MEDIAEDIT'])
    const weak = { authorization: 'Bearer no-highres' }
    const res = await call(`/api/v4/media/${asset.id}/download/${web.id}/`, { headers: weak })
    assert.equal(await (await fetch(res.body.s3_file)).text(), `derivative webimage of ${asset.id}`)
    assert.equal((await call(`/api/v4/media/${asset.id}/download/${items[0]!.id}/`, { headers: weak })).status, 403)
    assert.equal((await call(`/api/v4/media/${asset.id}/download/NOPE/`)).status, 404)
  })

  it('lists the trash as a bare array of the last 30 days, removed strictly after dateRemoved, capped pages, sorted on request', async () => {
    const a = fake.addAsset({ name: 'gone' })
    const b = fake.addAsset({ name: 'long gone' })
    const c = fake.addAsset({ name: 'gone later' })
    const at = new Date(Math.floor(Date.now() / 1000) * 1000 - 3600_000)
    fake.trashAsset(a.id, at)
    fake.trashAsset(b.id, new Date(Date.now() - 40 * 24 * 3600_000))
    fake.trashAsset(c.id, new Date(at.getTime() + 60_000))
    const res = await call('/api/trash/media')
    assert.ok(Array.isArray(res.body), 'a bare array, no envelope')
    assert.deepEqual(res.body.map((t: any) => t.id), [c.id, a.id], 'newest first unless sorted')
    assert.deepEqual(Object.keys(res.body[0]).sort(), ['dateCreated', 'dateRemoved', 'id', 'name', 'userId', 'username'])
    const sorted = await call('/api/trash/media?field=media.dateRemoved&order=asc')
    assert.deepEqual(sorted.body.map((t: any) => t.id), [a.id, c.id])
    const iso = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z')
    assert.deepEqual((await call(`/api/trash/media?dateRemoved=${iso(at)}`)).body.map((t: any) => t.id), [c.id], 'the bound itself is not "after"')
    assert.equal((await call('/api/trash/media?dateRemoved=2026-01-01T00:00:00.123Z')).status, 400)
    assert.equal((await call('/api/trash/media/')).status, 404, 'the slash form is another path')
    // The old guessed filter does not exist: it filters nothing.
    assert.equal((await call(`/api/trash/media?dateDeleted=${iso(new Date())}`)).body.length, 2)
  })

  it('answers the trash 10 entries by default and caps a larger limit without saying so', async () => {
    const capped = await startFakeBynder({ trashMaxLimit: 4 })
    try {
      for (let i = 0; i < 12; i++) capped.trashAsset(capped.addAsset({ name: `t${i}` }).id)
      const get = async (query: string): Promise<unknown[]> => (await (await fetch(`${capped.url}/api/trash/media${query}`, { headers: auth })).json()) as unknown[]
      capped.settings.trashMaxLimit = 1000
      assert.equal((await get('')).length, 10)
      capped.settings.trashMaxLimit = 4
      assert.equal((await get('?limit=100')).length, 4)
      assert.equal((await get('?limit=100&page=4')).length, 0)
    } finally { await capped.close() }
  })

  it('answers 429 without Retry-After beyond maxRequestsPerSecond', async () => {
    const limited = await startFakeBynder({ maxRequestsPerSecond: 3 })
    try {
      const responses = await Promise.all(Array.from({ length: 5 }, () => fetch(`${limited.url}/api/v4/metaproperties/`, { headers: auth })))
      assert.deepEqual(responses.map((r) => r.status).sort(), [200, 200, 200, 429, 429])
      assert.ok(responses.filter((r) => r.status === 429).every((r) => r.headers.get('retry-after') === null))
    } finally { await limited.close() }
  })

  it('blocks the IP over its request budget: 429 without Retry-After to every request until a quiet period passes, each request extending it', async () => {
    const waf = await startFakeBynder({ blockBudget: 3, blockWindowMs: 10_000, blockQuietMs: 120 })
    try {
      const get = async (): Promise<Response> => await fetch(`${waf.url}/api/v4/metaproperties/`, { headers: auth })
      const first = []
      for (let i = 0; i < 4; i++) first.push((await get()).status)
      assert.deepEqual(first, [200, 200, 200, 429])
      // Retrying quickly keeps the block alive: 3 × 60 ms is past the quiet period, but never quietly.
      for (let i = 0; i < 3; i++) {
        await new Promise((resolve) => setTimeout(resolve, 60))
        const res = await get()
        assert.equal(res.status, 429)
        assert.equal(res.headers.get('retry-after'), null)
      }
      await new Promise((resolve) => setTimeout(resolve, 140))
      assert.equal((await get()).status, 200, 'quiet for longer than blockQuietMs: unblocked')
    } finally { await waf.close() }
  })

  it('injects the next failures with failNext', async () => {
    fake.failNext({ status: 500, count: 2 })
    const statuses = [(await call('/api/v4/media/')).status, (await call('/api/v4/media/')).status, (await call('/api/v4/media/')).status]
    assert.deepEqual(statuses, [500, 500, 200])
  })
})
