import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Fastify from 'fastify'
import { buildApp } from '../src/app.js'
import { loadMapping } from '../src/config/mapping-loader.js'
import { cloudEvent, eventPlatformHeaders } from '../test/helpers/akeneo-signer.js'
import { paced, saturate, type Request } from './http-load.js'

const SECRET = 'bench-event-platform-secret'
const CONCURRENCY = 32
const SATURATE_COUNT = 6000
const SATURATE_MAX_MS = 8000
const PACED_RATE = 100
const PACED_SECONDS = 10

const signed = (count: number): Request[] => Array.from({ length: count }, () => {
  const body = JSON.stringify(cloudEvent({ type: 'com.akeneo.pim.v1.product.updated' }))
  return { body, headers: eventPlatformHeaders(body, SECRET) }
})

/**
 * Intake throughput: signed Event Platform events verified, deduped and committed per second,
 * as a ratio to a bare Fastify route that does nothing (same machine, same run, same client),
 * then answer times at a paced 100 events/s. The worker runs, as in production, claiming and
 * completing every task, with a product handler that does not call Akeneo: the upstream is not
 * what this bench measures. Loopback only.
 */
export async function intakeBench (): Promise<Record<string, string | number>> {
  const bare = Fastify({ bodyLimit: 1024 * 1024 })
  bare.post('/bare', async () => ({}))
  const bareUrl = new URL(`${await bare.listen({ host: '127.0.0.1', port: 0 })}/bare`)

  const dir = mkdtempSync(join(tmpdir(), 'connector-bench-'))
  const app = await buildApp({ worker: process.env.BENCH_WORKER !== 'off',
    schedule: false,
    mapping: loadMapping('mappings/bynder_attribute_mappings.yml'),
    env: {
      DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`,
      CREDENTIALS_FILE: join(dir, 'none.yml'),
      AKENEO_BASE_URL: 'http://127.0.0.1:9', AKENEO_CLIENT_ID: 'bench', AKENEO_CLIENT_SECRET: 'bench', AKENEO_USERNAME: 'bench', AKENEO_PASSWORD: 'bench',
      BYNDER_BASE_URL: 'http://127.0.0.1:9', BYNDER_PERMANENT_TOKEN: 'bench',
      AKENEO_EVENT_PLATFORM_SECRET: SECRET,
      INBOX_MAX_PENDING: '1000000'
    }
  })
  app.handlers.register('product', async () => 'benchmark: intake only')
  const appUrl = new URL(`${await app.listen({ host: '127.0.0.1', port: 0 })}/webhooks/akeneo`)

  try {
    await saturate(bareUrl, signed(500), CONCURRENCY, 2000)
    await saturate(appUrl, signed(500), CONCURRENCY, 2000)
    const bareRun = await saturate(bareUrl, signed(SATURATE_COUNT), CONCURRENCY, SATURATE_MAX_MS)
    const before = (await app.store.listEvents({ limit: 1 }))[0]?.id ?? 0
    const appRun = await saturate(appUrl, signed(SATURATE_COUNT), CONCURRENCY, SATURATE_MAX_MS)
    const persisted = ((await app.store.listEvents({ limit: 1 }))[0]?.id ?? 0) - before
    if (appRun.failed > 0 || persisted !== appRun.sent) throw new Error(`intake lost events: sent ${appRun.sent}, persisted ${persisted}, failed ${appRun.failed}`)
    const latency = await paced(appUrl, signed(PACED_RATE * PACED_SECONDS), PACED_RATE)
    return {
      'bare route (req/s)': Math.round(bareRun.perSecond),
      'intake (events persisted/s)': Math.round(appRun.perSecond),
      'intake / bare': (appRun.perSecond / bareRun.perSecond).toFixed(2),
      [`p50 at ${PACED_RATE}/s (ms)`]: latency.p50.toFixed(2),
      [`p99 at ${PACED_RATE}/s (ms)`]: latency.p99.toFixed(2),
      'max (ms)': latency.max.toFixed(2),
      'non-200 answers': latency.failed + appRun.failed
    }
  } finally {
    await app.close()
    await bare.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
