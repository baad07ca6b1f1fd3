import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../src/app.js'
import { loadMapping } from '../src/config/mapping-loader.js'
import { startFakeAkeneo, type FakeAkeneo } from '../test/fakes/akeneo/index.js'
import { seedRealisticPortal, startFakeBynder, type FakeBynder } from '../test/fakes/bynder/index.js'
import { emulatorEnv } from '../test/fakes/connector-env.js'
import { startSnsFake, type SnsFake } from '../test/helpers/sns-signer.js'

export interface RunningWorld {
  app: FastifyInstance
  url: string
  akeneo: FakeAkeneo
  bynder: FakeBynder
  sns: SnsFake
  /** Posts a signed SNS notification over HTTP, as Amazon SNS would. */
  notify: (mediaId: string, subject?: string) => Promise<void>
  /** Resolves when every task the notifications fed is done or dead. */
  idle: (timeoutMs: number) => Promise<void>
  close: () => Promise<void>
}

/**
 * Both emulators (seeded), the SNS fake and the real service listening on 127.0.0.1 with its
 * worker running and its own throwaway SQLite file — what the demo and the bench drive.
 */
export async function startRunningWorld (env: Record<string, string> = {}): Promise<RunningWorld> {
  const akeneo = await startFakeAkeneo()
  const bynder = await startFakeBynder({ maxRequestsPerSecond: 1000 })
  seedRealisticPortal(bynder)
  const sns = await startSnsFake()
  const dir = mkdtempSync(join(tmpdir(), 'connector-demo-'))
  const app = await buildApp({
    mapping: loadMapping('mappings/bynder_attribute_mappings.yml'),
    env: {
      ...emulatorEnv(akeneo, bynder, dir),
      BYNDER_FETCH_DELAY_MS: '200',
      SNS_CERT_URL_PATTERN: '^http://127\\.0\\.0\\.1:\\d+/[^?#]+\\.pem$',
      ADMIN_TOKEN: 'demo-admin-token-0123456789',
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
