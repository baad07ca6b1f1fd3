import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { Writable } from 'node:stream'
import { pino } from 'pino'
import { createBynderClient, createBynderEgress, type BynderClient } from '../../src/clients/bynder/index.js'
import { UpstreamError } from '../../src/clients/upstream-error.js'
import { DEFAULT_FAKE_TOKEN, seedRealisticPortal, startFakeBynder, type FakeBynder, type SeededPortal } from '../fakes/bynder/index.js'

let fake: FakeBynder
let portal: SeededPortal
let logged = ''
let client: BynderClient

before(async () => {
  fake = await startFakeBynder({ maxRequestsPerSecond: 1000 })
  portal = seedRealisticPortal(fake)
  const sink = new Writable({ write (chunk, _enc, done) { logged += String(chunk); done() } })
  client = createBynderClient({
    baseUrl: fake.url,
    permanentToken: DEFAULT_FAKE_TOKEN,
    maxRequestsPerSecond: 1000,
    logger: pino({ level: 'trace' }, sink),
    retry: { limit: 3, baseDelayMs: 20, maxDelayMs: 200 }
  })
})
after(async () => { await fake.close() })
beforeEach(() => { fake.requests.length = 0 })

describe('Bynder client: retries', () => {
  it('a 429 pauses the call for the quiet period (not a quick retry), up to maxBlockWaits blocks, then fails retryable', async () => {
    const paused = createBynderClient({ baseUrl: fake.url, permanentToken: DEFAULT_FAKE_TOKEN, egress: createBynderEgress({ maxRequestsPerSecond: 1000, quietMs: 40, rampMs: 0 }), maxBlockWaits: 2 })
    fake.failNext({ status: 429, count: 2 })
    assert.equal((await paused.getAsset(portal.assets.packshot.id))?.id, portal.assets.packshot.id)
    const times = fake.requests.map((r) => r.time)
    assert.deepEqual(fake.requests.map((r) => r.status), [429, 429, 200])
    assert.ok(times[1]! - times[0]! >= 35 && times[2]! - times[1]! >= 35, `gaps ${times[1]! - times[0]!}, ${times[2]! - times[1]!}`)
    fake.requests.length = 0
    fake.failNext({ status: 429, count: 3 })
    await assert.rejects(paused.getAsset(portal.assets.packshot.id), (e: unknown) => e instanceof UpstreamError && e.status === 429 && e.retryable)
    assert.equal(fake.requests.length, 3)
  })

  it('retries a 500 and a retried POST is harmless', async () => {
    fake.failNext({ status: 500 })
    const { sku } = portal.metaproperties
    await client.setMetaproperties(portal.assets.unlinked.id, { [sku.id]: [sku.options[2]!.id] })
    assert.deepEqual(fake.requests.map((r) => r.status), [500, 202])
    await fake.writesApplied()
    assert.deepEqual(portal.assets.unlinked.values[sku.id], [sku.options[2]!.id])
  })

  it('gives up after the retry limit with a retryable UpstreamError carrying Bynder’s message', async () => {
    fake.failNext({ status: 503, count: 10, message: 'Service Unavailable: maintenance' })
    const err = await client.getAsset(portal.assets.packshot.id).catch((e: unknown) => e)
    fake.state.failures.length = 0
    assert.ok(err instanceof UpstreamError)
    assert.deepEqual([err.api, err.status, err.retryable, err.method], ['bynder', 503, true, 'GET'])
    assert.match(err.message, /maintenance/)
    assert.equal(fake.requests.length, 4, 'first attempt + 3 retries')
  })

  it('never puts the token in a log line or an error', async () => {
    fake.failNext({ status: 401 })
    const err = await client.getAsset(portal.assets.packshot.id).catch((e: unknown) => e)
    assert.ok(err instanceof UpstreamError)
    assert.ok(logged.includes('bynder call'), 'the logger did receive lines')
    assert.ok(logged.includes('retried'), 'retries were logged')
    for (const text of [logged, JSON.stringify(err), String(err), err.stack ?? '']) {
      assert.ok(!text.includes(DEFAULT_FAKE_TOKEN), 'token leaked')
    }
  })
})

describe('Bynder client: rate limit', () => {
  it('30 calls at 10/s take ≥ 2 s: the client sends at most 10 in any second, and Bynder never sees its 15/s ceiling', async () => {
    const egress = createBynderEgress({ maxRequestsPerSecond: 10 })
    const sent: number[] = []
    const recording = { ...egress, acquire: async () => { await egress.acquire(); sent.push(Date.now()) } }
    const limited = createBynderClient({ baseUrl: fake.url, permanentToken: DEFAULT_FAKE_TOKEN, egress: recording })
    const start = Date.now()
    await Promise.all(Array.from({ length: 30 }, () => limited.getAsset(portal.assets.packshot.id)))
    const elapsed = Date.now() - start
    const arrivals = fake.requests.map((r) => r.time).sort((a, b) => a - b)
    assert.equal(sent.length, 30)
    assert.equal(arrivals.length, 30)
    assert.ok(elapsed >= 2000, `took ${elapsed} ms`)
    // What the client lets out holds the rate exactly: any 11 consecutive sends span a second.
    for (let i = 10; i < sent.length; i++) assert.ok(sent[i]! - sent[i - 10]! >= 1000, `11 sends within ${sent[i]! - sent[i - 10]!} ms`)
    // Arrivals are stamped by the emulator in this same process, so a busy machine shifts them
    // by scheduling jitter; even so, no second may hold Bynder's documented 15.
    for (let i = 15; i < arrivals.length; i++) assert.ok(arrivals[i]! - arrivals[i - 15]! >= 1000, `16 arrivals within ${arrivals[i]! - arrivals[i - 15]!} ms`)
  })

  it('counts downloads from Bynder’s own host against the same limit', async () => {
    const limited = createBynderClient({ baseUrl: fake.url, permanentToken: DEFAULT_FAKE_TOKEN, maxRequestsPerSecond: 2 })
    const asset = (await client.getAsset(portal.assets.packshot.id))!
    const url = await limited.getDownloadUrl(asset, 'webimage')
    const start = Date.now()
    for (let i = 0; i < 3; i++) (await limited.openDownload(url)).resume()
    assert.ok(Date.now() - start >= 900, 'the third download waited for the window')
  })
})
