import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { createBynderClient, createBynderEgress } from '../../src/clients/bynder/index.js'
import { DEFAULT_FAKE_TOKEN, startFakeBynder } from '../fakes/bynder/index.js'
import { startLinkWorld } from '../handlers/link-harness.js'
import { buildTestApp } from '../helpers/build-test-app.js'

const QUIET = 150

describe('a 429 is an IP block: every portal of the egress pauses, then resumes slowly', () => {
  it('no request reaches either portal of one egress before the quiet period after the 429 has passed', async () => {
    const [a, b] = await Promise.all([startFakeBynder({ blockQuietMs: 100 }), startFakeBynder()])
    try {
      a.addAsset({ id: 'A1' })
      b.addAsset({ id: 'B1' })
      const egress = createBynderEgress({ maxRequestsPerSecond: 50, quietMs: QUIET, rampMs: 0 })
      const [portalA, portalB] = [a, b].map((fake) => createBynderClient({ baseUrl: fake.url, permanentToken: DEFAULT_FAKE_TOKEN, egress }))
      a.startBlock()
      const first = portalA!.getAsset('A1')
      while (!egress.isBlocked()) await new Promise((resolve) => setTimeout(resolve, 2))
      const second = portalB!.getAsset('B1')
      assert.deepEqual([(await first)?.id, (await second)?.id], ['A1', 'B1'])
      const blockedAt = a.requests.find((r) => r.status === 429)!.time
      assert.deepEqual(a.requests.map((r) => r.status), [429, 200], 'one 429, then the call went again only once, after the pause')
      assert.ok(a.requests[1]!.time - blockedAt >= QUIET - 5, 'portal A waited')
      assert.ok(b.requests[0]!.time - blockedAt >= QUIET - 5, `portal B (same egress) waited too: ${b.requests[0]!.time - blockedAt} ms`)
    } finally { await Promise.all([a.close(), b.close()]) }
  })

  it('the service shares one gate between its credentials unless credentials.yml names another egress', async () => {
    const [a, b, c] = await Promise.all([startFakeBynder({ blockQuietMs: 100 }), startFakeBynder(), startFakeBynder()])
    const dir = (await import('node:fs')).mkdtempSync(join((await import('node:os')).tmpdir(), 'connector-egress-'))
    const credentials = join(dir, 'credentials.yml')
    writeFileSync(credentials, `emea:\n  base_url: ${b.url}\n  permanent_token: ${DEFAULT_FAKE_TOKEN}\napac:\n  base_url: ${c.url}\n  permanent_token: ${DEFAULT_FAKE_TOKEN}\n  egress: apac_proxy\n`)
    const t = await buildTestApp({ env: { BYNDER_BASE_URL: a.url, BYNDER_PERMANENT_TOKEN: DEFAULT_FAKE_TOKEN, CREDENTIALS_FILE: credentials, BYNDER_BLOCK_QUIET_MS: String(QUIET), BYNDER_BLOCK_RAMP_MS: '0' } })
    try {
      for (const fake of [a, b, c]) fake.addAsset({ id: 'X1' })
      a.startBlock()
      const first = t.app.bynder('bynder').getAsset('X1')
      while (a.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 2))
      await new Promise((resolve) => setTimeout(resolve, 20))
      await Promise.all([t.app.bynder('emea').getAsset('X1'), t.app.bynder('apac').getAsset('X1'), first])
      const blockedAt = a.requests[0]!.time
      assert.ok(b.requests[0]!.time - blockedAt >= QUIET - 5, 'emea shares the default egress: it waited')
      assert.ok(c.requests[0]!.time - blockedAt < QUIET - 20, 'apac has an egress of its own: it did not')
    } finally {
      await t.close()
      await Promise.all([a.close(), b.close(), c.close()])
    }
  })

  it('a portal on an egress of its own is not held back', async () => {
    const [a, b] = await Promise.all([startFakeBynder({ blockQuietMs: 100 }), startFakeBynder()])
    try {
      a.addAsset({ id: 'A1' })
      b.addAsset({ id: 'B1' })
      const portalA = createBynderClient({ baseUrl: a.url, permanentToken: DEFAULT_FAKE_TOKEN, egress: createBynderEgress({ maxRequestsPerSecond: 50, quietMs: QUIET, rampMs: 0 }) })
      const portalB = createBynderClient({ baseUrl: b.url, permanentToken: DEFAULT_FAKE_TOKEN, egress: createBynderEgress({ maxRequestsPerSecond: 50, quietMs: QUIET, rampMs: 0 }) })
      a.startBlock()
      const first = portalA.getAsset('A1')
      await new Promise((resolve) => setTimeout(resolve, 30))
      await portalB.getAsset('B1')
      const blockedAt = a.requests[0]!.time
      assert.ok(b.requests[0]!.time - blockedAt < QUIET - 20)
      await first
    } finally { await Promise.all([a.close(), b.close()]) }
  })

  it('after the pause the rate ramps up from one request per window', async () => {
    let now = 0
    const egress = createBynderEgress({ maxRequestsPerSecond: 10, quietMs: 1000, rampMs: 10_000, now: () => now, sleep: async (ms) => { now += ms } })
    egress.blocked()
    const grants: number[] = []
    for (let i = 0; i < 4; i++) { await egress.acquire(); grants.push(now) }
    assert.ok(grants[0]! >= 1000, 'nothing before the quiet period')
    assert.ok(grants[3]! - grants[0]! >= 2000, `one per ~second while ramping: ${grants.join(', ')}`)
  })

  it('tasks meeting the block wait in the client: they end done on their first attempt, and nothing is sent during the pause', async () => {
    const w = await startLinkWorld()
    try {
      w.bynder.settings.blockQuietMs = 100
      const asset = w.asset({ name: 'blocked', properties: { akeneo_product_sku: ['mug'], akeneo_asset_type: ['packshot_image'] } })
      w.bynder.startBlock()
      await w.notify(asset)
      await w.settle()
      const [event] = await w.app.store.listEvents({ limit: 1 })
      assert.deepEqual([event?.task?.status, event?.task?.attempts], ['done', 1])
      assert.notEqual(w.value('mug', 'packshot_image'), null)
      const api = w.bynder.requests.filter((r) => r.path.startsWith('/api/'))
      const refused = api.filter((r) => r.status === 429)
      assert.equal(refused.length, 1, 'the first 429 stops all traffic: no retry keeps the block alive')
      assert.ok(api[api.indexOf(refused[0]!) + 1]!.time - refused[0]!.time >= 145, 'next request only after BYNDER_BLOCK_QUIET_MS')
    } finally { await w.close() }
  })
})
