import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../src/app.js'
import { loadMapping } from '../src/config/mapping-loader.js'
import type { Mapping } from '../src/config/mapping-schema.js'
import { seedAssetFamilies } from '../test/fakes/akeneo/asset-seed.js'
import { startFakeAkeneo, type FakeAkeneo } from '../test/fakes/akeneo/index.js'
import { seedRealisticPortal, startFakeBynder, type FakeBynder } from '../test/fakes/bynder/index.js'
import { emulatorEnv } from '../test/fakes/connector-env.js'
import { cloudEvent, eventPlatformHeaders } from '../test/helpers/akeneo-signer.js'
import { startSnsFake, type SnsFake } from '../test/helpers/sns-signer.js'

export const ADMIN_TOKEN = 'demo-admin-token-0123456789'
const EVENT_PLATFORM_SECRET = 'demo-event-platform-secret'

export interface RunningWorld {
  app: FastifyInstance
  url: string
  akeneo: FakeAkeneo
  bynder: FakeBynder
  sns: SnsFake
  /** Posts a signed SNS notification over HTTP, as Amazon SNS would. */
  notify: (mediaId: string, subject?: string) => Promise<void>
  /** Posts a signed Event Platform CloudEvent for a product (by uuid), authored by a PIM user. */
  productEvent: (uuid: string, type?: string) => Promise<void>
  /** Calls an admin route with the demo's token. */
  admin: (method: 'GET' | 'POST', path: string, body?: unknown) => Promise<{ status: number, json: unknown }>
  /** Resolves when every task the notifications fed is done or dead. */
  idle: (timeoutMs: number) => Promise<void>
  close: () => Promise<void>
}

export interface RunningWorldOptions {
  /** Top-level keys replacing those of the example mapping. */
  mapping?: Partial<Mapping>
  /** Seeds the Asset Manager (`seedAssetFamilies`: packshots, manuals and their collection attributes). */
  assetFamilies?: boolean
}

/**
 * Both emulators (seeded), the SNS fake and the real service listening on 127.0.0.1 with its
 * worker running and its own throwaway SQLite file — what the demo and the bench drive.
 */
export async function startRunningWorld (env: Record<string, string> = {}, options: RunningWorldOptions = {}): Promise<RunningWorld> {
  const akeneo = await startFakeAkeneo()
  if (options.assetFamilies === true) seedAssetFamilies(akeneo.state)
  // Scaled like the tests' emulator: the IP block's budget matches the fastest rate the benches
  // configure (BYNDER_MAX_RPS 100 = 300 per 3 s), and its quiet period is shorter than the
  // service's (emulatorEnv), so a block ends when the service has paused for it.
  const bynder = await startFakeBynder({ maxRequestsPerSecond: 1000, blockBudget: 300, blockWindowMs: 3_000, blockQuietMs: 100 })
  seedRealisticPortal(bynder)
  const sns = await startSnsFake()
  const dir = mkdtempSync(join(tmpdir(), 'connector-demo-'))
  const app = await buildApp({
    mapping: { ...loadMapping('mappings/bynder_attribute_mappings.yml'), ...options.mapping },
    env: {
      ...emulatorEnv(akeneo, bynder, dir),
      BYNDER_FETCH_DELAY_MS: '200',
      SNS_CERT_URL_PATTERN: '^http://127\\.0\\.0\\.1:\\d+/[^?#]+\\.pem$',
      ADMIN_TOKEN: ADMIN_TOKEN,
      AKENEO_EVENT_PLATFORM_SECRET: EVENT_PLATFORM_SECRET,
      // The demo drives replays itself; the built-in schedule stays off.
      SCHEDULE_IMPORT_ASSETS: '',
      SCHEDULE_UPDATE_PROPERTIES: '',
      SCHEDULE_UPDATE_MAPPED_PROPERTIES: '',
      WORKER_POLL_MS: '50',
      WORKER_BACKOFF_BASE_MS: '100',
      WORKER_BACKOFF_CAP_MS: '1000',
      ...env
    }
  })
  const url = await app.listen({ host: '127.0.0.1', port: 0 })
  return {
    app,
    url,
    akeneo,
    bynder,
    sns,
    async notify (mediaId, subject = 'asset_bank.media.meta_updated') {
      const response = await fetch(`${url}/webhooks/bynder`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain; charset=UTF-8' },
        body: JSON.stringify(sns.notification({ mediaId, subject }))
      })
      if (response.status !== 200) throw new Error(`webhook answered ${response.status}: ${await response.text()}`)
    },
    async productEvent (uuid, type = 'com.akeneo.pim.v1.product.updated') {
      const body = JSON.stringify(cloudEvent({ type, uuid, author: 'julia' }))
      const response = await fetch(`${url}/webhooks/akeneo`, { method: 'POST', headers: eventPlatformHeaders(body, EVENT_PLATFORM_SECRET), body })
      if (response.status !== 200) throw new Error(`akeneo webhook answered ${response.status}: ${await response.text()}`)
    },
    async admin (method, path, body) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) })
      })
      return { status: response.status, json: await response.json() }
    },
    async idle (timeoutMs) {
      const until = Date.now() + timeoutMs
      while (Date.now() < until) {
        const running = await app.store.listEvents({ status: 'running', limit: 1 })
        if (running.length === 0 && await app.store.countPending() === 0) return
        await sleep(50)
      }
      throw new Error(`tasks still open after ${timeoutMs} ms`)
    },
    async close () {
      await app.close()
      await Promise.all([akeneo.close(), bynder.close(), sns.close()])
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
