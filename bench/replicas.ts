import { setTimeout as sleep } from 'node:timers/promises'
import { openStore } from '../src/store/open-store.js'
import type { IncomingEvent } from '../src/store/store.js'
import { createTestDatabase } from '../test/helpers/pg-database.js'
import { benchApp } from './store-app.js'

const TASKS = 1000
const HANDLER_MS = 10
const WORKER_CONCURRENCY = 4

/**
 * `replicas` services (each its own pool and worker, in this process) draining `TASKS` queued
 * tasks from one PostgreSQL store; the handler waits HANDLER_MS, standing in for upstream calls.
 * Returns tasks per second and how many entities ran more than once (must be 0).
 */
export async function drain (databaseUrl: string, replicas: number): Promise<{ perSecond: number, repeated: number }> {
  const store = await openStore(databaseUrl)
  const events: IncomingEvent[] = Array.from({ length: TASKS }, (_, i) => ({
    source: 'replay', sourceEventId: `bench:${i}`, type: 'bench', receivedAt: 0,
    task: { kind: 'product', entityKey: `product:${i}`, entityId: String(i), reason: 'bench', dueAt: 0 }
  }))
  for (let i = 0; i < events.length; i += 100) await store.intake(events.slice(i, i + 100))
  const runs = new Map<string, number>()
  const started = performance.now()
  const apps = await Promise.all(Array.from({ length: replicas }, async () =>
    await benchApp(databaseUrl, { WORKER_CONCURRENCY: String(WORKER_CONCURRENCY), WORKER_POLL_MS: '20' })))
  for (const { app } of apps) {
    app.handlers.register('product', async (task) => {
      runs.set(task.entityId, (runs.get(task.entityId) ?? 0) + 1)
      await sleep(HANDLER_MS)
    })
  }
  try {
    await Promise.all(apps.map(async ({ app }) => { await app.ready() }))
    while ((await store.inboxHealth()).tasks.product.done < TASKS) await sleep(20)
    const seconds = (performance.now() - started) / 1000
    return { perSecond: TASKS / seconds, repeated: [...runs.values()].filter((n) => n > 1).length }
  } finally {
    await Promise.all(apps.map(async ({ close }) => { await close() }))
    await store.close()
  }
}

/** Work drained by one replica and by two on one PostgreSQL database (a fresh one each). */
export async function replicasBench (): Promise<Record<string, string | number>> {
  const figures: Record<string, string | number> = {}
  let one = 0
  for (const replicas of [1, 2]) {
    const db = await createTestDatabase()
    try {
      const result = await drain(db.url, replicas)
      if (replicas === 1) one = result.perSecond
      figures[`${replicas} replica${replicas === 1 ? '' : 's'} (tasks/s)`] = `${Math.round(result.perSecond)}${replicas > 1 ? ` (${(result.perSecond / one).toFixed(2)}× one)` : ''}, entities run twice: ${result.repeated}`
    } finally {
      await db.drop()
    }
  }
  return { ...figures, 'per task': `${HANDLER_MS} ms handler, WORKER_CONCURRENCY ${WORKER_CONCURRENCY} per replica` }
}
