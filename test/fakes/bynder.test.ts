/* eslint-disable @typescript-eslint/no-explicit-any -- tests read answer bodies loosely, as raw JSON */
import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { DEFAULT_FAKE_TOKEN, seedRealisticPortal, startFakeBynder, type FakeBynder, type SeededPortal } from './bynder/index.js'

let fake: FakeBynder
let portal: SeededPortal
const auth = { authorization: `Bearer ${DEFAULT_FAKE_TOKEN}` }

async function call (path: string, init: RequestInit = {}): Promise<{ status: number, body: any, headers: Headers }> {
  const res = await fetch(`${fake.url}${path}`, { redirect: 'manual', ...init, headers: { ...auth, ...(init.headers as Record<string, string>) } })
  const text = await res.text()
  let body: unknown = text
  try { body = JSON.parse(text) } catch { /* not JSON */ }
  return { status: res.status, body, headers: res.headers }
}

before(async () => {
  fake = await startFakeBynder({ maxRequestsPerSecond: 1000 })
  portal = seedRealisticPortal(fake)
  fake.addToken('read-only-token', [])
})
after(async () => { await fake.close() })
beforeEach(() => { fake.settings.maxRequestsPerSecond = 1000 })

describe('fake Bynder: authentication and paths', () => {
  it('answers 401 without a token or with a wrong one, and never logs the token', async () => {
    assert.equal((await call('/api/v4/media/', { headers: { authorization: '' } })).status, 401)
    assert.equal((await call('/api/v4/media/', { headers: { authorization: 'Bearer nope' } })).status, 401)
    assert.equal((await call('/api/v4/media/')).status, 200)
    assert.ok(!JSON.stringify(fake.requests).includes(DEFAULT_FAKE_TOKEN))
  })

  it('answers 403 when the token lacks MEDIAEDIT, METAPROPERTYMANAGEMENT or MEDIAHIGHRES', async () => {
    const h = { authorization: 'Bearer read-only-token', 'content-type': 'application/x-www-form-urlencoded' }
    const id = portal.assets.packshot.id
    assert.equal((await call(`/api/v4/media/${id}/`, { method: 'POST', headers: h, body: 'x=1' })).status, 403)
    assert.equal((await call(`/api/v4/metaproperties/${portal.metaproperties.sku.id}/options/`, { method: 'POST', headers: h, body: 'data={"name":"a"}' })).status, 403)
    assert.equal((await call(`/api/v4/media/${id}/download/`, { headers: h })).status, 403)
    assert.equal((await call(`/api/v4/media/${id}/`, { headers: h })).status, 200)
  })

  it('refuses the original of an archived, watermarked or limited asset without ARCHIVEDOWNLOAD, DOWNLOADWATERMARK or KEYVISUALSDOWNLOAD, without naming the role', async () => {
    fake.addToken('highres-only', ['MEDIAHIGHRES'])
    const h = { authorization: 'Bearer highres-only' }
    const { packshot, application, modelShot, archived } = portal.assets
    assert.equal((await call(`/api/v4/media/${packshot.id}/download/`, { headers: h })).status, 200)
    for (const asset of [application, modelShot, archived]) {
      const res = await call(`/api/v4/media/${asset.id}/download/`, { headers: h })
      assert.equal(res.status, 403, asset.name)
      assert.doesNotMatch(JSON.stringify(res.body), /DOWNLOAD/)
    }
    const items = (await call(`/api/v4/media/${archived.id}/?versions=1`)).body.mediaItems as Array<{ id: string }>
    assert.equal((await call(`/api/v4/media/${archived.id}/download/${items[0]!.id}/`, { headers: h })).status, 403)
  })

  it('redirects slash-less v4 paths with 301, keeping the query', async () => {
    const res = await call('/api/v4/media?limit=2')
    assert.equal(res.status, 301)
    assert.equal(res.headers.get('location'), '/api/v4/media/?limit=2')
  })
})

describe('fake Bynder: listing', () => {
  it('answers a plain array by default, {media,total} with total=1 and {media,count} with count=1', async () => {
    const plain = await call('/api/v4/media/')
    assert.ok(Array.isArray(plain.body))
    assert.equal(plain.body.length, 3, 'archived and limited-usage assets are excluded when archive / limited are omitted')
    const total = await call('/api/v4/media/?total=1&limit=1')
    assert.equal(total.body.media.length, 1)
    assert.deepEqual(total.body.total, { count: 3 })
    const count = await call('/api/v4/media/?count=1&archive=1')
    assert.equal(count.body.count.total, 1)
    assert.equal(count.body.media[0].id, portal.assets.archived.id)
    assert.equal(plain.headers.get('link'), null)
  })

  it('rejects limit above 1000 and a dateModified with milliseconds or not ISO', async () => {
    assert.equal((await call('/api/v4/media/?limit=1001')).status, 400)
    assert.equal((await call('/api/v4/media/?limit=1000')).status, 200)
    assert.equal((await call('/api/v4/media/?dateModified=2026-04-03T00:00:00.000Z')).status, 400)
    assert.equal((await call('/api/v4/media/?dateModified=03/04/2026')).status, 400)
    const ok = await call('/api/v4/media/?dateModified=2026-04-03T10:00:00Z&orderBy=dateModified%20asc&limited=1')
    assert.deepEqual(ok.body.map((a: any) => a.name), ['sneaker-side'], 'limited=1: only limited ones; modified strictly after')
  })

  it('filters by property_<name>=<option name> with AND, and pages 1-based', async () => {
    const one = await call('/api/v4/media/?property_akeneo_product_sku=SKU_1001')
    assert.equal(one.body.length, 2)
    const both = await call('/api/v4/media/?property_akeneo_product_sku=SKU_1001&property_akeneo_product_sku=SKU_1002')
    assert.deepEqual(both.body.map((a: any) => a.id), [portal.assets.packshot.id])
    assert.equal((await call('/api/v4/media/?property_nope=x')).status, 400)
    const p2 = await call('/api/v4/media/?limit=2&page=2&orderBy=name%20asc')
    assert.deepEqual(p2.body.map((a: any) => a.name), ['tshirt-lifestyle'])
  })

  it('filters by dateModifiedTo, propertyOptionId (AND), type, keyword and ids', async () => {
    const names = async (qs: string) => (await call(`/api/v4/media/?orderBy=name%20asc&${qs}`)).body.map((a: any) => a.name)
    assert.deepEqual(await names('dateModifiedTo=2026-04-03T10:00:00Z'), ['tshirt-front', 'tshirt-lifestyle'])
    const [red, black, blue] = ['red', 'black', 'blue'].map((n) => portal.metaproperties.colors.options.find((o) => o.name === n)!.id)
    assert.deepEqual(await names(`propertyOptionId=${red},${black}&limited=1`), ['sneaker-side'])
    assert.deepEqual(await names(`propertyOptionId=${red},${blue}`), [])
    assert.deepEqual(await names('type=document&archive=1'), ['old-catalogue'])
    assert.deepEqual(await names('keyword=TSHIRT'), ['tshirt-front', 'tshirt-lifestyle'])
    assert.deepEqual(await names(`ids=${portal.assets.unlinked.id},${portal.assets.archived.id}`), ['moodboard'])
    assert.equal((await call('/api/v4/media/?orderBy=size%20asc')).status, 400)
  })

  it('takes the strict side of every unsettled filter: dateModified strictly after, archive=0 filters nothing, limited left out unless limited=1, which lists only them', async () => {
    const names = async (qs: string) => (await call(`/api/v4/media/?orderBy=name%20asc&${qs}`)).body.map((a: any) => a.name).sort()
    assert.deepEqual(await names('dateModified=2026-04-08T08:00:00Z'), [], 'an asset modified in the bound second is not "after" it')
    assert.deepEqual(await names('dateModified=2026-04-08T07:59:59Z'), ['moodboard'])
    assert.deepEqual(await names('archive=0'), ['moodboard', 'old-catalogue', 'tshirt-front', 'tshirt-lifestyle'], 'archive=0 is not "active only"')
    assert.deepEqual(await names(''), ['moodboard', 'tshirt-front', 'tshirt-lifestyle'])
    assert.deepEqual(await names('limited=1'), ['sneaker-side'], 'limited=1 is not "also"')
  })

  it('answers limited under the Java SDK\'s reading (limited=1 also) or the OpenAPI\'s (default no filter) when asked to', async () => {
    const names = async (qs: string) => (await call(`/api/v4/media/?${qs}`)).body.map((a: any) => a.name).sort()
    const active = ['moodboard', 'tshirt-front', 'tshirt-lifestyle']
    try {
      fake.settings.limitedReading = 'javaSdk'
      assert.deepEqual(await names(''), active)
      assert.deepEqual(await names('limited=1'), [...active, 'sneaker-side'].sort())
      fake.settings.limitedReading = 'openApi'
      assert.deepEqual(await names(''), [...active, 'sneaker-side'].sort())
      assert.deepEqual(await names('limited=1'), ['sneaker-side'])
    } finally { fake.settings.limitedReading = 'strict' }
  })

  it('shows only filled metaproperties, select-like as name arrays and text as strings', async () => {
    const res = await call(`/api/v4/media/${portal.assets.application.id}/`)
    assert.deepEqual(res.body.property_akeneo_product_sku, ['SKU_1001'])
    assert.equal(res.body.property_akeneo_sort_order, '2')
    assert.equal('property_brand' in res.body, false)
    assert.equal(res.body.watermarked, 1)
    assert.deepEqual(res.body.extension, ['png'])
    assert.equal(res.body.original, undefined, 'original is only shown for public assets')
    assert.match(res.body.id, /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{16}$/)
    assert.deepEqual(Object.keys(res.body.thumbnails).sort(), ['mini', 'thul', 'webimage'])
  })

  it('answers 404 for an unknown asset and adds mediaItems with versions=1', async () => {
    assert.equal((await call('/api/v4/media/00000000-0000-0000-0000000000000000/')).status, 404)
    const res = await call(`/api/v4/media/${portal.assets.packshot.id}/?versions=1`)
    assert.equal(res.body.mediaItems[0].type, 'original')
    assert.ok(res.body.mediaItems.every((i: any) => typeof i.id === 'string' && typeof i.fileName === 'string'))
  })
})
