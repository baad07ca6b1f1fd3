import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { addProduct, startFakeAkeneo, type FakeAkeneo } from '../fakes/akeneo/index.js'
import { DEFAULT_FAKE_TOKEN, seedRealisticPortal, startFakeBynder, type FakeBynder } from '../fakes/bynder/index.js'
import { emulatorEnv } from '../fakes/connector-env.js'
import { startSnsFake, type SnsFake } from '../helpers/sns-signer.js'
import { TEST_CERT_URL_PATTERN } from '../helpers/build-test-app.js'
import { startFaultProxy, type FaultProxy } from './fault-proxy.js'

export const SOAK_ADMIN_TOKEN = 'soak-admin-token-5b0e9c1d7a3f'
export const SOAK_EP_SECRET = 'soak-event-platform-secret-41d2'
export const SOAK_EVENTS_API_SECRET = 'soak-events-api-secret-8c7e'

export interface SoakWorld {
  akeneo: FakeAkeneo
  bynder: FakeBynder
  sns: SnsFake
  proxies: FaultProxy[]
  dir: string
  /** The service's environment: emulators (behind the proxies when faults are on), its SQLite file. */
  env: Record<string, string>
  /** Every value this run's service must never log. */
  secrets: () => string[]
  /** `count` assets, each naming its own product's packshot slot (one upload each, exactly). */
  addAssets: (count: number) => string[]
  /** Media files Akeneo stored per Bynder asset id (bytes name the asset). */
  uploadsPerAsset: () => Map<string, number>
  close: () => Promise<void>
}

export interface WorldOptions {
  faults?: { rate: number, maxLatencyMs: number, random?: () => number }
  akeneoLatencyMs?: number
  env?: Record<string, string>
}

export async function startSoakWorld (options: WorldOptions = {}): Promise<SoakWorld> {
  const akeneo = await startFakeAkeneo({ latencyMs: options.akeneoLatencyMs ?? 0 })
  const bynder = await startFakeBynder({ maxRequestsPerSecond: 1000 })
  seedRealisticPortal(bynder)
  const sns = await startSnsFake()
  const dir = mkdtempSync(join(tmpdir(), 'connector-soak-'))
  const proxies: FaultProxy[] = []
  const env = emulatorEnv(akeneo, bynder, dir)
  if (options.faults !== undefined) {
    const { rate, maxLatencyMs, random } = options.faults
    const settings = { faultRate: rate, maxLatencyMs, ...(random === undefined ? {} : { random }) }
    proxies.push(await startFaultProxy(akeneo.url, settings), await startFaultProxy(bynder.url, settings))
    env.AKENEO_BASE_URL = proxies[0]!.url
    env.BYNDER_BASE_URL = proxies[1]!.url
  }
  Object.assign(env, {
    LOG_LEVEL: 'debug',
    SNS_CERT_URL_PATTERN: TEST_CERT_URL_PATTERN,
    ADMIN_TOKEN: SOAK_ADMIN_TOKEN,
    AKENEO_EVENT_PLATFORM_SECRET: SOAK_EP_SECRET,
    AKENEO_EVENTS_API_SECRET: SOAK_EVENTS_API_SECRET,
    BYNDER_FETCH_DELAY_MS: '0',
    BYNDER_MAX_RPS: '100',
    SCHEDULE_IMPORT_ASSETS: '',
    SCHEDULE_UPDATE_PROPERTIES: '',
    SCHEDULE_UPDATE_MAPPED_PROPERTIES: '',
    WORKER_POLL_MS: '50',
    WORKER_BACKOFF_BASE_MS: '200',
    WORKER_BACKOFF_CAP_MS: '2000',
    ...options.env
  })
  let assets = 0
  return {
    akeneo,
    bynder,
    sns,
    proxies,
    dir,
    env,
    secrets: () => [SOAK_ADMIN_TOKEN, SOAK_EP_SECRET, SOAK_EVENTS_API_SECRET, DEFAULT_FAKE_TOKEN, akeneo.client.secret, akeneo.client.password, ...akeneo.controls.issuedTokens],
    addAssets (count) {
      return Array.from({ length: count }, () => {
        const sku = `soak-${++assets}`
        addProduct(akeneo.state, { identifier: sku, family: 'accessories' })
        return bynder.addAsset({ name: sku, extension: ['jpg'], properties: { akeneo_product_sku: [sku], akeneo_asset_type: ['packshot_image'] } }).id
      })
    },
    uploadsPerAsset () {
      const counts = new Map<string, number>()
      for (const media of akeneo.state.mediaFiles.values()) {
        const id = /original bytes of (.+)$/.exec(media.bytes.toString())?.[1] ?? '(other)'
        counts.set(id, (counts.get(id) ?? 0) + 1)
      }
      return counts
    },
    async close () {
      await Promise.all([akeneo.close(), bynder.close(), sns.close(), ...proxies.map(async (proxy) => await proxy.close())])
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

/** Posts a signed notification the way SNS does: again (after a pause) until it gets a 2xx, within `untilMs`. */
export async function deliverLikeSns (url: () => string, body: string, untilMs: number): Promise<boolean> {
  while (Date.now() < untilMs) {
    try {
      const response = await fetch(`${url()}/webhooks/bynder`, { method: 'POST', headers: { 'content-type': 'text/plain; charset=UTF-8' }, body, signal: AbortSignal.timeout(5000) })
      await response.arrayBuffer()
      if (response.ok) return true
    } catch { /* the process is down: SNS retries */ }
    await sleep(100)
  }
  return false
}

export interface TaskTally { total: number, done: number, dead: number, open: number }

/** Task statuses of every delivery, through GET /events (admin token). */
export async function tallyTasks (url: string): Promise<TaskTally> {
  const tally = { total: 0, done: 0, dead: 0, open: 0 }
  let before: number | undefined
  for (let page = 0; page < 100; page++) {
    const response = await fetch(`${url}/events?limit=500${before === undefined ? '' : `&before=${before}`}`, { headers: { authorization: `Bearer ${SOAK_ADMIN_TOKEN}` } })
    const body = await response.json() as { items: Array<{ task: { status: string } | null }>, next?: number }
    for (const item of body.items) {
      if (item.task === null) continue
      tally.total++
      if (item.task.status === 'done') tally.done++
      else if (item.task.status === 'dead') tally.dead++
      else tally.open++
    }
    if (body.next === undefined) break
    before = body.next
  }
  return tally
}
