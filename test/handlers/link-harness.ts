import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app.js'
import { loadMapping } from '../../src/config/mapping-loader.js'
import type { Mapping } from '../../src/config/mapping-schema.js'
import { startFakeAkeneo, type EntityChangedEvent, type FakeAkeneo, type FakeAkeneoOptions } from '../fakes/akeneo/index.js'
import { findProductByIdentifier } from '../fakes/akeneo/state.js'
import { addOption, findMetapropertyByName, type AssetInput } from '../fakes/bynder/catalog.js'
import { seedRealisticPortal, startFakeBynder, type FakeAsset, type FakeBynder } from '../fakes/bynder/index.js'
import { emulatorEnv } from '../fakes/connector-env.js'
import { eventPlatformHeaders, cloudEvent } from '../helpers/akeneo-signer.js'
import { TEST_ADMIN_TOKEN, TEST_CERT_URL_PATTERN, TEST_EP_SECRETS } from '../helpers/build-test-app.js'
import { startSnsFake, type SnsFake } from '../helpers/sns-signer.js'

export interface EchoOptions {
  /**
   * `self` (default): Akeneo's events carry the connection's username, as the Event Platform
   * sends them for this service's own writes (intake records them as ignored). `other`: a PIM
   * user, so the product handler really runs on the echo of our own writes.
   */
  akeneoAuthor?: 'self' | 'other'
}

/** What `settleAll` saw: handler runs and echo deliveries since the world started. */
export interface SettleCounts {
  /** Tasks the worker ran (each attempt counts). */
  tasks: number
  echoes: { bynder: number, akeneo: number }
}

export const ECHO_OTHER_AUTHOR = 'julia'

export interface LinkWorld {
  app: FastifyInstance
  akeneo: FakeAkeneo
  bynder: FakeBynder
  sns: SnsFake
  asset: (input: AssetInput) => FakeAsset
  /** Changes an asset's metaproperties (by name) and bumps its dateModified, as an edit in Bynder does. */
  edit: (asset: FakeAsset, properties: Record<string, string[] | string | null>, changes?: Partial<FakeAsset>) => void
  /** Posts a signed SNS notification through the webhook route; returns the SNS message. */
  notify: (asset: { id: string }, subject?: string, messageId?: string) => Promise<string>
  /** Posts a signed Event Platform event for a product (by uuid) authored by a PIM user. */
  productEvent: (uuid: string, type?: string) => Promise<void>
  /** Runs the worker until nothing is pending (retries in backoff included). */
  settle: () => Promise<void>
  /** The value data Akeneo holds for a product identifier / model code and attribute. */
  value: (target: string, attribute: string) => unknown
  uploads: () => number
  links: (query?: string) => Promise<Array<Record<string, unknown>>>
  /**
   * Opt-in echo, as production delivers it: every accepted Bynder write comes back as a signed
   * SNS `asset_bank.media.meta_updated` through POST /webhooks/bynder, every Akeneo change as a
   * signed Event Platform CloudEvent through POST /webhooks/akeneo. Deliveries are tracked:
   * `settle` and `settleAll` wait for them. Returns the function that stops echoing.
   */
  echo: (options?: EchoOptions) => () => void
  /**
   * Like `settle`, until no echo is in flight, nothing is pending and nothing runs; throws when
   * more than `maxTasks` tasks ran (an echo loop). Counts are totals since the world started.
   */
  settleAll: (options?: { maxTasks?: number }) => Promise<SettleCounts>
  /** Accepted Akeneo writes from the emulator's request log. */
  akeneoWrites: () => { uploads: number, patches: number }
  close: () => Promise<void>
}

/** Both emulators, the SNS fake and the real app pointed at them (worker driven by `settle`). */
export async function startLinkWorld (mappingChanges: Partial<Mapping> = {}, options: { akeneo?: FakeAkeneoOptions, env?: Record<string, string> } = {}): Promise<LinkWorld> {
  const akeneo = await startFakeAkeneo(options.akeneo)
  // The per-second limit sits above the service's BYNDER_MAX_RPS below: a 429 pauses all traffic.
  const bynder = await startFakeBynder({ maxRequestsPerSecond: 150 })
  seedRealisticPortal(bynder)
  const sns = await startSnsFake()
  const dir = mkdtempSync(join(tmpdir(), 'connector-links-'))
  const mapping = { ...loadMapping('mappings/bynder_attribute_mappings.yml'), ...mappingChanges }
  const stopFakes = async (): Promise<void> => {
    await Promise.all([akeneo.close(), bynder.close(), sns.close()])
    rmSync(dir, { recursive: true, force: true })
  }
  const app = await buildApp({
    mapping,
    worker: false,
    env: {
      ...emulatorEnv(akeneo, bynder, dir),
      BYNDER_FETCH_DELAY_MS: '0',
      BYNDER_MAX_RPS: '100',
      SNS_CERT_URL_PATTERN: TEST_CERT_URL_PATTERN,
      AKENEO_EVENT_PLATFORM_SECRET: TEST_EP_SECRETS.join(','),
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      WORKER_BACKOFF_BASE_MS: '10',
      WORKER_BACKOFF_CAP_MS: '50',
      WORKER_POLL_MS: '20',
      ...options.env
    }
  }).catch(async (error: unknown) => { await stopFakes(); throw error })
  await app.ready()

  const inFlight = new Set<Promise<void>>()
  const echoFailures: unknown[] = []
  const counts: SettleCounts = { tasks: 0, echoes: { bynder: 0, akeneo: 0 } }
  const track = (delivery: Promise<unknown>): void => {
    const tracked: Promise<void> = delivery.then(() => undefined, (error: unknown) => { echoFailures.push(error) })
      .finally(() => { inFlight.delete(tracked) })
    inFlight.add(tracked)
  }
  const echoesDone = async (): Promise<void> => {
    while (inFlight.size > 0) await Promise.all([...inFlight])
    const failure = echoFailures.shift()
    if (failure !== undefined) throw failure
  }
  const postAkeneoEvent = async (event: Record<string, unknown>): Promise<void> => {
    const body = JSON.stringify(event)
    const res = await app.inject({ method: 'POST', url: '/webhooks/akeneo', headers: eventPlatformHeaders(body, TEST_EP_SECRETS[0]), payload: body })
    if (res.statusCode !== 200) throw new Error(`akeneo webhook answered ${res.statusCode}: ${res.body}`)
  }
  const akeneoEcho = (change: EntityChangedEvent, author: 'self' | 'other'): Record<string, unknown> => {
    const entity = change.type === 'product' ? 'product' : 'product-model'
    const event = cloudEvent({ type: `com.akeneo.pim.v1.${entity}.${change.action}`, ...(change.type === 'product' ? { uuid: change.uuid } : { code: change.code }) })
    const data = event.data as Record<string, unknown>
    data.author = author === 'self' ? { identifier: change.author, type: 'api' } : { identifier: ECHO_OTHER_AUTHOR, type: 'user' }
    return event
  }

  const world: LinkWorld = {
    app,
    akeneo,
    bynder,
    sns,
    asset: (input) => bynder.addAsset({ extension: ['jpg'], dateModified: '2026-05-01T10:00:00Z', ...input }),
    edit (asset, properties, changes = {}) {
      for (const [name, value] of Object.entries(properties)) {
        const mp = findMetapropertyByName(bynder.state, name)
        if (mp === undefined) throw new Error(`no metaproperty ${name}`)
        if (value === null) { Reflect.deleteProperty(asset.values, mp.id); continue }
        asset.values[mp.id] = typeof value === 'string' ? value : value.map((n) => (mp.options.find((o) => o.name === n) ?? addOption(mp, { name: n })).id)
      }
      Object.assign(asset, changes)
      asset.dateModified = new Date(Date.parse(asset.dateModified) + 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z')
    },
    async notify (asset, subject = 'asset_bank.media.meta_updated', messageId) {
      const message = sns.notification({ mediaId: asset.id, subject, ...(messageId === undefined ? {} : { messageId }) })
      const res = await app.inject({ method: 'POST', url: '/webhooks/bynder', headers: { 'content-type': 'text/plain; charset=UTF-8' }, payload: JSON.stringify(message) })
      if (res.statusCode !== 200) throw new Error(`webhook answered ${res.statusCode}: ${res.body}`)
      return message.MessageId
    },
    async productEvent (uuid, type = 'com.akeneo.pim.v1.product.created') {
      const body = JSON.stringify(cloudEvent({ type, uuid, author: 'julia' }))
      const res = await app.inject({ method: 'POST', url: '/webhooks/akeneo', headers: eventPlatformHeaders(body, TEST_EP_SECRETS[0]), payload: body })
      if (res.statusCode !== 200) throw new Error(`akeneo webhook answered ${res.statusCode}: ${res.body}`)
    },
    async settle () {
      for (let i = 0; i < 500; i++) {
        await echoesDone()
        counts.tasks += await app.worker.drain()
        await bynder.writesApplied()
        if (inFlight.size === 0 && await app.store.countPending() === 0) return
        await sleep(10)
      }
      throw new Error('tasks still pending')
    },
    value (target, attribute) {
      const entity = findProductByIdentifier(akeneo.state, target) ?? akeneo.state.productModels.get(target)
      return entity?.values[attribute]?.find((v) => v.locale === null && v.scope === null)?.data ?? null
    },
    uploads: () => akeneo.requests.filter((r) => r.method === 'POST' && r.path === '/api/rest/v1/media-files').length,
    async links (query = '') {
      const res = await app.inject({ method: 'GET', url: `/links${query}`, headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } })
      if (res.statusCode !== 200) throw new Error(`GET /links answered ${res.statusCode}: ${res.body}`)
      return (res.json() as { items: Array<Record<string, unknown>> }).items
    },
    echo ({ akeneoAuthor = 'self' } = {}) {
      const stopBynder = bynder.onAssetModified((event) => {
        counts.echoes.bynder++
        track(world.notify({ id: event.assetId }, 'asset_bank.media.meta_updated'))
      })
      const stopAkeneo = akeneo.onEntityChanged((change) => {
        counts.echoes.akeneo++
        track(postAkeneoEvent(akeneoEcho(change, akeneoAuthor)))
      })
      return () => { stopBynder(); stopAkeneo() }
    },
    async settleAll ({ maxTasks = 200 } = {}) {
      for (let i = 0; i < 1000; i++) {
        await echoesDone()
        counts.tasks += await app.worker.drain()
        if (counts.tasks > maxTasks) throw new Error(`no settle after ${counts.tasks} tasks (echoes: ${counts.echoes.bynder} Bynder, ${counts.echoes.akeneo} Akeneo)`)
        await bynder.writesApplied()
        const running = await app.store.listEvents({ status: 'running', limit: 1 })
        if (inFlight.size === 0 && running.length === 0 && await app.store.countPending() === 0) {
          return { tasks: counts.tasks, echoes: { ...counts.echoes } }
        }
        await sleep(10)
      }
      throw new Error('tasks still pending')
    },
    akeneoWrites () {
      const accepted = akeneo.requests.filter((r) => r.status < 300)
      return {
        uploads: accepted.filter((r) => r.method === 'POST' && r.path === '/api/rest/v1/media-files').length,
        patches: accepted.filter((r) => r.method === 'PATCH').length
      }
    },
    async close () {
      await echoesDone().catch(() => undefined)
      await app.close()
      await stopFakes()
    }
  }
  return world
}
