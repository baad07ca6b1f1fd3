import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { text } from 'node:stream/consumers'
import { createBynderClient, DerivativeNotFoundError, type Asset, type BynderClient } from '../../src/clients/bynder/index.js'
import { UpstreamError } from '../../src/clients/upstream-error.js'
import { listModifiedAssets } from '../../src/replay/asset-listing.js'
import { DEFAULT_FAKE_TOKEN, seedRealisticPortal, startFakeBynder, type FakeBynder, type FakeBynderSettings, type SeededPortal } from '../fakes/bynder/index.js'

let fake: FakeBynder
let portal: SeededPortal
let client: BynderClient

async function collect<T> (it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const x of it) out.push(x)
  return out
}
const mediaCalls = () => fake.requests.filter((r) => r.path === '/api/v4/media/')

before(async () => {
  fake = await startFakeBynder({ maxRequestsPerSecond: 1000 })
  portal = seedRealisticPortal(fake)
  client = createBynderClient({ baseUrl: fake.url, permanentToken: DEFAULT_FAKE_TOKEN, maxRequestsPerSecond: 1000, retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 5 } })
})
after(async () => { await fake.close() })
beforeEach(() => { fake.requests.length = 0 })

describe('Bynder client: listing', () => {
  it('pages until a short page, sending dateModified without milliseconds and archive explicitly', async () => {
    for (let i = 0; i < 5; i++) fake.addAsset({ name: `bulk-${i}`, dateModified: `2026-05-0${i + 1}T10:00:00Z` })
    fake.addAsset({ name: 'bulk-late', dateModified: '2026-05-02T09:59:59Z' })
    const found = await collect(client.listAssets({ modifiedAfter: new Date('2026-05-02T10:00:00.500Z'), pageSize: 2, archive: false, limited: false }))
    assert.deepEqual(found.map((a) => a.name), ['bulk-1', 'bulk-2', 'bulk-3', 'bulk-4'], 'floored to the second and inclusive: bulk-1 counts, the overlap second is dropped')
    const calls = mediaCalls()
    assert.deepEqual(calls.map((c) => c.query.page), ['1', '2', '3'], 'the short third page ends it')
    assert.ok(calls.every((c) => c.query.dateModified === '2026-05-02T09:59:59Z' && c.query.archive === '0' && c.query.limited === undefined && c.query.orderBy === 'dateModified asc'),
      'Bynder reads dateModified as strictly after: asked from a second earlier')
  })

  it('lists archived and active assets when archive is not given, and filters by properties', async () => {
    const sku = await collect(client.listAssets({ properties: { akeneo_product_sku: 'SKU_2001' } }))
    assert.deepEqual(sku.map((a) => a.id), [portal.assets.archived.id])
    assert.equal(sku[0]!.archive, true)
    assert.deepEqual(mediaCalls().map((c) => `${String(c.query.archive)}/${String(c.query.limited)}`), ['0/undefined', '0/1', '1/undefined', '1/1'])
    assert.ok(mediaCalls().every((c) => c.query.property_akeneo_product_sku === 'SKU_2001'))
  })

  it('lists every asset once under either reading of archive=0 and limited=1 (each pass keeps only its own flags)', async () => {
    const found = await collect(client.listAssets({ properties: { colors: 'red' } }))
    assert.deepEqual(found.map((a) => a.id), [portal.assets.modelShot.id], 'the limited-usage asset is found, once')
    const broad = await startShapeProxy([{ id: 'A', name: 'a', type: 'image', dateCreated: '2026-01-01T00:00:00Z', dateModified: '2026-01-01T00:00:00Z', archive: 1, limited: 1 },
      { id: 'B', name: 'b', type: 'image', dateCreated: '2026-01-01T00:00:00Z', dateModified: '2026-01-01T00:00:00Z', archive: 0, limited: 0 }])
    try {
      // A server that ignores both filters answers everything to every pass: still once each.
      const c = createBynderClient({ baseUrl: broad.url, permanentToken: 't', retry: { limit: 0 } })
      assert.deepEqual((await collect(c.listAssets())).map((a) => a.id).sort(), ['A', 'B'])
    } finally { await broad.close() }
  })

  it('lists given ids and lists nothing for an empty id list', async () => {
    const ids = [portal.assets.packshot.id, portal.assets.archived.id]
    const found = await collect(client.listAssets({ ids }))
    assert.deepEqual(found.map((a) => a.id).sort(), [...ids].sort())
    assert.ok(mediaCalls().every((c) => c.query.ids === ids.join(',')))
    fake.requests.length = 0
    assert.deepEqual(await collect(client.listAssets({ ids: [] })), [])
    assert.equal(mediaCalls().length, 0)
  })

  it('accepts all three answer shapes of the list endpoint', async (t) => {
    const shapes: Array<(media: unknown[]) => unknown> = [(m) => m, (m) => ({ media: m, total: { count: m.length } }), (m) => ({ media: m, count: { total: m.length } })]
    for (const shape of shapes) {
      const shaped = await startFakeBynder()
      try {
        shaped.addAsset({ name: 'one' })
        const listed = await (await fetch(`${shaped.url}/api/v4/media/`, { headers: { authorization: `Bearer ${DEFAULT_FAKE_TOKEN}` } })).json() as unknown[]
        // Re-serve the emulator's own answer in the shape under test.
        const proxy = await startShapeProxy(shape(listed))
        t.after(() => proxy.close())
        const c = createBynderClient({ baseUrl: proxy.url, permanentToken: 't', retry: { limit: 0 } })
        const got = await collect(c.listAssets({ archive: false }))
        assert.deepEqual(got.map((a) => a.name), ['one'])
      } finally { await shaped.close() }
    }
  })

  it('gets one asset, normalised, and null for an unknown id', async () => {
    const a = await client.getAsset(portal.assets.application.id)
    assert.equal(a?.id, portal.assets.application.id)
    assert.deepEqual(a?.properties.akeneo_sort_order, ['2'])
    assert.equal(a?.watermarked, true)
    assert.equal(await client.getAsset('00000000-0000-0000-0000000000000000'), null)
  })
})

describe('Bynder client: learning how the portal reads limited', () => {
  const passes = (calls: FakeBynder['requests']): string[] => calls.map((c) => `${String(c.query.archive)}/${String(c.query.limited)}/${String(c.query.page)}`)

  /** A fresh portal and client (evidence is per client): 3 active unlimited, 2 active limited, 1 archived of each. */
  async function portalReading (limitedReading: FakeBynderSettings['limitedReading']): Promise<{ fake: FakeBynder, client: BynderClient, names: string[], close: () => Promise<void> }> {
    const f = await startFakeBynder({ maxRequestsPerSecond: 1000, limitedReading })
    const specs = [['u1', false, false], ['u2', false, false], ['u3', false, false], ['l1', true, false], ['l2', true, false], ['ua', false, true], ['la', true, true]] as const
    specs.forEach(([name, limited, archive], i) => f.addAsset({ name, limited, archive, flagsAsNumbers: i % 2 === 0, dateModified: `2026-07-01T10:00:0${i}Z` }))
    const c = createBynderClient({ baseUrl: f.url, permanentToken: DEFAULT_FAKE_TOKEN, maxRequestsPerSecond: 1000, retry: { limit: 0 } })
    return { fake: f, client: c, names: specs.map(([name]) => name).sort(), close: () => f.close() }
  }
  const listNames = async (c: BynderClient, query: Parameters<BynderClient['listAssets']>[0]): Promise<string[]> => (await collect(c.listAssets(query))).map((a) => a.name).sort()

  it('lists in one pass with limited=1 once a limited=1 answer held an asset saying it is not limited (Java SDK: "also")', async (t) => {
    const w = await portalReading('javaSdk')
    t.after(w.close)
    assert.deepEqual(await listNames(w.client, { archive: false, pageSize: 2 }), ['l1', 'l2', 'u1', 'u2', 'u3'])
    // archive=0 filters nothing here (the emulator's strict side): pages count the archived ones too.
    assert.deepEqual(passes(w.fake.requests), ['0/undefined/1', '0/undefined/2', '0/undefined/3', '0/1/1', '0/1/2', '0/1/3', '0/1/4'], 'no evidence yet: two passes')
    w.fake.requests.length = 0
    assert.deepEqual(await listNames(w.client, { archive: false, pageSize: 2 }), ['l1', 'l2', 'u1', 'u2', 'u3'], 'same assets, once each')
    assert.deepEqual(passes(w.fake.requests), ['0/1/1', '0/1/2', '0/1/3', '0/1/4'], 'one pass, paged by what Bynder answered')
  })

  it('keeps to the kind asked for and pages by the unfiltered answer in the single-pass mode', async (t) => {
    const w = await portalReading('javaSdk')
    t.after(w.close)
    await listNames(w.client, { archive: false })
    w.fake.requests.length = 0
    assert.deepEqual(await listNames(w.client, { archive: false, limited: true, pageSize: 2 }), ['l1', 'l2'])
    assert.deepEqual(passes(w.fake.requests), ['0/1/1', '0/1/2', '0/1/3', '0/1/4'], 'two limited assets, yet pages go on while Bynder\'s answer is full')
    w.fake.requests.length = 0
    assert.deepEqual(await listNames(w.client, { archive: false, limited: false }), ['u1', 'u2', 'u3'])
    assert.deepEqual(passes(w.fake.requests), ['0/undefined/1'])
  })

  it('lists both archive passes and every ids chunk in one limited pass each once the evidence exists', async (t) => {
    const w = await portalReading('javaSdk')
    t.after(w.close)
    const ids = [...w.fake.state.assets.keys(), ...Array.from({ length: 100 }, (_, i) => `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`)]
    assert.deepEqual(await listNames(w.client, { ids }), w.names, 'two chunks of ids per pass')
    assert.deepEqual(passes(w.fake.requests), ['0/undefined/1', '0/undefined/1', '0/1/1', '0/1/1', '1/1/1', '1/1/1'], 'archive=0: both passes (limited=1 gives the evidence); archive=1: one')
    w.fake.requests.length = 0
    assert.deepEqual(await listNames(w.client, { ids }), w.names, 'every asset, once')
    assert.deepEqual(passes(w.fake.requests), ['0/1/1', '0/1/1', '1/1/1', '1/1/1'])
    assert.deepEqual(w.fake.requests.map((r) => String(r.query.ids).split(',').length), [100, 7, 100, 7])
  })

  it('lists in one pass without limited once an answer without it held a limited asset (OpenAPI: default unfiltered)', async (t) => {
    const w = await portalReading('openApi')
    t.after(w.close)
    assert.deepEqual(await listNames(w.client, {}), w.names)
    assert.deepEqual(passes(w.fake.requests), ['0/undefined/1', '0/1/1', '1/undefined/1'], 'the first pass is the evidence: archive=1 takes one')
    w.fake.requests.length = 0
    assert.deepEqual(await listNames(w.client, { pageSize: 2 }), w.names)
    assert.deepEqual(passes(w.fake.requests), ['0/undefined/1', '0/undefined/2', '0/undefined/3', '0/undefined/4', '1/undefined/1', '1/undefined/2'])
  })

  it('keeps two passes under the strict reading, listing by listing', async (t) => {
    const w = await portalReading('strict')
    t.after(w.close)
    for (let i = 0; i < 2; i++) {
      w.fake.requests.length = 0
      assert.deepEqual(await listNames(w.client, {}), w.names)
      assert.deepEqual(passes(w.fake.requests), ['0/undefined/1', '0/1/1', '1/undefined/1', '1/1/1'])
    }
  })

  it('takes an absent limited field for no evidence', async (t) => {
    const asset = (id: string): Record<string, unknown> => ({ id, name: id, type: 'image', dateCreated: '2026-01-01T00:00:00Z', dateModified: '2026-01-01T00:00:00Z', archive: 0 })
    const silent = await startShapeProxy([asset('A'), { ...asset('B'), limited: null }])
    t.after(() => silent.close())
    const c = createBynderClient({ baseUrl: silent.url, permanentToken: 't', retry: { limit: 0 } })
    for (let i = 0; i < 2; i++) {
      silent.queries.length = 0
      assert.deepEqual((await collect(c.listAssets({ archive: false }))).map((a) => a.id).sort(), ['A', 'B'])
      assert.deepEqual(silent.queries.map((q) => String(q.limited)), ['undefined', '1'], 'A and B say nothing in the limited=1 answer: still two passes')
    }
  })
})

describe('replay listing (listModifiedAssets) against the emulator\'s strict "after"', () => {
  it('does not skip an asset sharing the boundary second with a full page, and yields each (id, dateModified) once', async () => {
    const at = (s: number): string => `2026-06-01T10:00:0${s}Z`
    const names = ['edge-a', 'edge-b', 'edge-c', 'edge-d', 'edge-e']
    const seconds = [1, 2, 2, 2, 3]
    names.forEach((name, i) => fake.addAsset({ name, dateModified: at(seconds[i]!) }))
    const listed: string[] = []
    for await (const asset of listModifiedAssets(client, new Date(at(0)), { archive: false, limited: false }, 2)) listed.push(asset.name)
    assert.deepEqual([...listed].sort(), names, 'ties within a second come in id order')
  })
})

describe('Bynder client: downloads', () => {
  let asset: Asset
  before(async () => { asset = (await client.getAsset(portal.assets.packshot.id))! })

  it('downloads the original through s3_file, without sending the Bynder token there', async () => {
    const url = await client.getDownloadUrl(asset, 'original')
    assert.match(url, /\/s3\//)
    assert.equal(await text(await client.openDownload(url)), `original bytes of ${asset.id}`)
    const s3 = fake.requests.find((r) => r.path.startsWith('/s3/'))
    assert.equal(s3?.authorization, 'none')
    assert.equal(fake.requests.find((r) => r.path.endsWith('/download/'))?.authorization, 'bearer')
  })

  it('downloads a custom derivative from thumbnails and names a missing one clearly', async () => {
    const url = await client.getDownloadUrl(asset, 'Akeneo_1200')
    assert.equal(await text(await client.openDownload(url)), `derivative Akeneo_1200 of ${asset.id}`)
    await assert.rejects(client.getDownloadUrl(asset, 'Akeneo_2400'), (e: unknown) => e instanceof DerivativeNotFoundError && /Akeneo_2400.*Akeneo_1200/.test(e.message))
  })

  it('turns an expired temporary URL into an UpstreamError', async () => {
    fake.settings.downloadUrlTtlMs = -1
    const url = await client.getDownloadUrl(asset, 'original')
    fake.settings.downloadUrlTtlMs = 60_000
    await assert.rejects(client.openDownload(url), (e: unknown) => e instanceof UpstreamError && e.status === 403)
  })
})

describe('Bynder client: trash', () => {
  it('pages the bare-array trash until an empty page (a capped short page is not the end), oldest first, the bound a second early', async () => {
    fake.settings.trashMaxLimit = 2
    const base = Math.floor(Date.now() / 1000) * 1000 - 600_000
    const ids = [0, 1, 2, 3, 4].map((i) => {
      const a = fake.addAsset({ name: `deleted-${i}` })
      fake.trashAsset(a.id, new Date(base + i * 60_000))
      return a.id
    })
    const found = await collect(client.listDeletedAssets({ since: new Date(base + 60_000), pageSize: 3 }))
    fake.settings.trashMaxLimit = 25
    assert.deepEqual(found.map((d) => d.id), ids.slice(1), 'the entry removed in the bound second is kept')
    const calls = fake.requests.filter((r) => r.path === '/api/trash/media')
    assert.deepEqual(calls.map((c) => c.query.page), ['1', '2', '3'])
    assert.deepEqual([calls[0]!.query.field, calls[0]!.query.order, calls[0]!.query.limit], ['media.dateRemoved', 'asc', '3'])
    assert.equal(calls[0]!.query.dateRemoved, new Date(base + 59_000).toISOString().replace(/\.\d{3}Z$/, 'Z'))
  })

  it('treats a redirect as a configuration error, not retried', async () => {
    fake.failNext({ status: 301 })
    const before = fake.requests.length
    await assert.rejects(collect(client.listDeletedAssets()), (e: unknown) => e instanceof UpstreamError && e.status === 301 && !e.retryable && /configuration/.test(e.message))
    assert.equal(fake.requests.length - before, 1)
  })
})

/** Answers `body` to every list call, whatever the query; `queries` records what was asked. */
async function startShapeProxy (body: unknown): Promise<{ url: string, queries: Array<Record<string, unknown>>, close: () => Promise<void> }> {
  const { default: Fastify } = await import('fastify')
  const app = Fastify()
  const queries: Array<Record<string, unknown>> = []
  app.get('/api/v4/media/', async (request) => { queries.push(request.query as Record<string, unknown>); return body })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const { port } = app.server.address() as { port: number }
  return { url: `http://127.0.0.1:${port}`, queries, close: () => app.close() }
}
