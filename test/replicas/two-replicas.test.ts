import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { after, before, describe, it } from 'node:test'
import { openStore } from '../../src/store/open-store.js'
import { redactUrl } from '../../src/store/pg-pool.js'
import type { Store } from '../../src/store/store.js'
import { addProduct, startFakeAkeneo, type FakeAkeneo } from '../fakes/akeneo/index.js'
import { seedRealisticPortal, startFakeBynder, type FakeBynder } from '../fakes/bynder/index.js'
import { emulatorEnv } from '../fakes/connector-env.js'
import { TEST_CERT_URL_PATTERN } from '../helpers/build-test-app.js'
import { createTestDatabase, type TestDatabase } from '../helpers/pg-database.js'
import { startService, type RunningService } from '../helpers/run-service.js'
import { startSnsFake, type SnsFake } from '../helpers/sns-signer.js'

const ASSETS = 50
const EVENTS = 240
const SUBJECTS = ['asset_bank.media.create', 'asset_bank.media.meta_updated', 'asset_bank.media.updated']

let db: TestDatabase
let akeneo: FakeAkeneo
let bynder: FakeBynder
let sns: SnsFake
let dir: string
let replicas: RunningService[] = []
let store: Store

before(async () => {
  db = await createTestDatabase()
  akeneo = await startFakeAkeneo()
  bynder = await startFakeBynder({ maxRequestsPerSecond: 1000 })
  seedRealisticPortal(bynder)
  sns = await startSnsFake()
  dir = mkdtempSync(join(tmpdir(), 'connector-replicas-'))
})

after(async () => {
  await Promise.all(replicas.map(async (replica) => await replica.stop()))
  await store?.close()
  await Promise.all([akeneo.close(), bynder.close(), sns.close()])
  await db.drop()
  rmSync(dir, { recursive: true, force: true })
})

async function post (replica: RunningService, body: unknown): Promise<void> {
  const response = await fetch(`${replica.url}/webhooks/bynder`, { method: 'POST', headers: { 'content-type': 'text/plain; charset=UTF-8' }, body: JSON.stringify(body) })
  assert.equal(response.status, 200, await response.text())
}

describe('two service processes on one PostgreSQL database', () => {
  it('share one inbox: signed events sent to either at random are each entity\'s work done once, nothing left pending', async () => {
    const ids: string[] = []
    for (let i = 0; i < ASSETS; i++) {
      const sku = `replica-${String(i).padStart(3, '0')}`
      addProduct(akeneo.state, { identifier: sku, family: 'accessories' })
      ids.push(bynder.addAsset({ name: `packshot-${sku}`, extension: ['jpg'], properties: { akeneo_product_sku: [sku], akeneo_asset_type: ['packshot_image'] } }).id)
    }
    const env = {
      ...emulatorEnv(akeneo, bynder, dir),
      DATABASE_URL: db.url,
      LOG_LEVEL: 'debug',
      SNS_CERT_URL_PATTERN: TEST_CERT_URL_PATTERN,
      // Short enough for a quick test, long enough that later events of an asset find its task pending.
      BYNDER_FETCH_DELAY_MS: '150',
      BYNDER_MAX_RPS: '100',
      SCHEDULE_IMPORT_ASSETS: '',
      SCHEDULE_UPDATE_PROPERTIES: '',
      SCHEDULE_UPDATE_MAPPED_PROPERTIES: '',
      WORKER_POLL_MS: '50'
    }
    // Started together: the second waits on the migration lock, then finds the schema in place.
    replicas = await Promise.all([startService(env), startService(env)])
    store = await openStore(db.url)

    // Every asset once, then the rest at random; a fifth of the deliveries go to both replicas (SNS retrying elsewhere).
    const messages = [...ids, ...Array.from({ length: EVENTS - ASSETS }, () => ids[Math.floor(Math.random() * ids.length)]!)]
      .map((mediaId) => ({ message: sns.notification({ mediaId, subject: SUBJECTS[Math.floor(Math.random() * SUBJECTS.length)]! }), both: Math.random() < 0.2 }))
    let next = 0
    await Promise.all(Array.from({ length: 16 }, async () => {
      while (next < messages.length) {
        const { message, both } = messages[next++]!
        const first = Math.random() < 0.5 ? 0 : 1
        await Promise.all([post(replicas[first]!, message), ...(both ? [post(replicas[1 - first]!, message)] : [])])
      }
    }))

    const deadline = Date.now() + 20_000
    let health = await store.inboxHealth()
    while (health.tasks.asset.pending + health.tasks.asset.running > 0 && Date.now() < deadline) {
      await sleep(100)
      health = await store.inboxHealth()
    }
    assert.deepEqual({ ...health.tasks.asset, done: 0 }, { pending: 0, running: 0, done: 0, dead: 0 }, 'nothing pending, running or dead')
    assert.equal((await store.listEvents({ limit: EVENTS + 1, source: 'bynder' })).length, EVENTS, 'each distinct delivery recorded once')

    const uploads = akeneo.requests.filter((r) => r.method === 'POST' && r.path === '/api/rest/v1/media-files' && r.status === 201)
    assert.equal(uploads.length, ASSETS, 'one upload per asset and slot')
    const linked = await store.links.list({ limit: ASSETS * 2, status: 'linked' })
    assert.deepEqual(new Set(linked.map((link) => link.assetId)), new Set(ids))
    assert.equal(linked.length, ASSETS)

    for (const replica of replicas) {
      const configured = replica.output().split('\n').find((line) => line.includes('"msg":"configured"'))
      assert.ok(configured !== undefined, 'each replica says what it runs with')
      const shown = JSON.parse(configured) as Record<string, unknown>
      assert.deepEqual([shown.store, shown.mappings, shown.bynderCredentials, shown.replicas], [redactUrl(db.url), 'mappings/bynder_attribute_mappings.yml', ['bynder'], 1])
    }
    const done = replicas.map((replica) => replica.output().split('\n').filter((line) => line.includes('"msg":"task done"')).length)
    assert.ok(done.every((n) => n > 0), `both replicas did work: ${done.join(' + ')}`)
    assert.equal(done[0]! + done[1]!, health.tasks.asset.done)
    assert.deepEqual(await Promise.all(replicas.map(async (replica) => await replica.stop())), [0, 0], 'both shut down cleanly')
  })
})
