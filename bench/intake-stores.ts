import Fastify from 'fastify'
import { cloudEvent, eventPlatformHeaders } from '../test/helpers/akeneo-signer.js'
import { createTestDatabase } from '../test/helpers/pg-database.js'
import { saturate, type Request } from './http-load.js'
import { benchApp, BENCH_EP_SECRET } from './store-app.js'

const CONCURRENCY = 32
const COUNT = 4000
const MAX_MS = 6000

const signed = (count: number): Request[] => Array.from({ length: count }, () => {
  const body = JSON.stringify(cloudEvent({ type: 'com.akeneo.pim.v1.product.updated' }))
  return { body, headers: eventPlatformHeaders(body, BENCH_EP_SECRET) }
})

/** Signed events persisted per second on one store, its worker claiming and completing them (no upstream calls). */
export async function intakeOn (databaseUrl: string | undefined): Promise<number> {
  const { app, close } = await benchApp(databaseUrl)
  app.handlers.register('product', async () => 'benchmark: intake only')
  const url = new URL(`${await app.listen({ host: '127.0.0.1', port: 0 })}/webhooks/akeneo`)
  try {
    await saturate(url, signed(300), CONCURRENCY, 2000)
    const before = (await app.store.listEvents({ limit: 1 }))[0]?.id ?? 0
    const run = await saturate(url, signed(COUNT), CONCURRENCY, MAX_MS)
    const persisted = ((await app.store.listEvents({ limit: 1 }))[0]?.id ?? 0) - before
    if (run.failed > 0 || persisted !== run.sent) throw new Error(`intake lost events: sent ${run.sent}, persisted ${persisted}, failed ${run.failed}`)
    return run.perSecond
  } finally {
    await close()
  }
}

/**
 * Intake on SQLite and on PostgreSQL (`BENCH_DATABASE_URL`, else a fresh database on the test
 * server, dropped after), each as a ratio to a bare Fastify route measured in the same run.
 */
export async function intakeStoresBench (): Promise<Record<string, string | number>> {
  const bare = Fastify({ bodyLimit: 1024 * 1024 })
  bare.post('/bare', async () => ({}))
  const bareUrl = new URL(`${await bare.listen({ host: '127.0.0.1', port: 0 })}/bare`)
  const db = process.env.BENCH_DATABASE_URL === undefined ? await createTestDatabase() : undefined
  try {
    await saturate(bareUrl, signed(300), CONCURRENCY, 2000)
    const bareRate = (await saturate(bareUrl, signed(COUNT), CONCURRENCY, MAX_MS)).perSecond
    const sqlite = await intakeOn(undefined)
    const postgres = await intakeOn(process.env.BENCH_DATABASE_URL ?? db!.url)
    return {
      'bare route (req/s)': Math.round(bareRate),
      'SQLite intake (events/s)': `${Math.round(sqlite)} (${(sqlite / bareRate).toFixed(2)} of bare)`,
      'PostgreSQL intake (events/s)': `${Math.round(postgres)} (${(postgres / bareRate).toFixed(2)} of bare)`,
      'PostgreSQL / SQLite': (postgres / sqlite).toFixed(2)
    }
  } finally {
    await bare.close()
    await db?.drop()
  }
}
