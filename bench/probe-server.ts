import { join } from 'node:path'
import Database from 'better-sqlite3'
import Fastify from 'fastify'
import { sqliteCheckpointer } from '../src/store/sqlite-checkpointer.js'
import { signingKeys, verifyEventPlatform } from '../src/webhooks/akeneo-signature.js'

/**
 * The least durable intake can cost on this stack, in its own process for the intake bench:
 * the minimal probe issue 14 measured its target against. Fastify, the service's raw-body HMAC check,
 * one JSON parse, SQLite in WAL with `synchronous = NORMAL`, an insert-or-ignore on the
 * delivery id and an upsert of the entity's pending task, with the deliveries that arrive
 * together committed as one transaction and each answered after that commit, and WAL
 * checkpoints in a thread as the service has them (in the event loop their fsyncs leave the
 * core idle for a fifth of the run, and the probe would understate the limit). No event log an
 * operator could read, no coalescing rules, no metrics, no request logging: what it costs is
 * what any verified, deduplicated, committed-before-2xx intake pays here. `BENCH_DIR` holds
 * its SQLite file; `BENCH_SECRET` is the signing secret.
 */
const keys = signingKeys([process.env.BENCH_SECRET!])
const file = join(process.env.BENCH_DIR!, 'probe.db')
const db = new Database(file)
db.pragma('journal_mode = WAL')
db.pragma('synchronous = NORMAL')
db.exec(`CREATE TABLE deliveries (id TEXT PRIMARY KEY) WITHOUT ROWID;
  CREATE TABLE pending (entity TEXT PRIMARY KEY, events INTEGER NOT NULL, due_at INTEGER NOT NULL) WITHOUT ROWID`)
const recordDelivery = db.prepare<[string]>('INSERT OR IGNORE INTO deliveries (id) VALUES (?)')
const upsertPending = db.prepare<[string, number]>(`INSERT INTO pending (entity, events, due_at) VALUES (?, 1, ?)
  ON CONFLICT (entity) DO UPDATE SET events = events + 1, due_at = excluded.due_at`)
const checkpointer = sqliteCheckpointer(db, file)
const countDeliveries = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM deliveries')

interface Delivery { id: string, entity: string, answer: (error?: unknown) => void }
const commitTogether = db.transaction((batch: Delivery[]) => {
  for (const delivery of batch) if (recordDelivery.run(delivery.id).changes === 1) upsertPending.run(delivery.entity, Date.now())
})
let waiting: Delivery[] = []
function commitWaiting (): void {
  const batch = waiting
  waiting = []
  try {
    commitTogether(batch)
    checkpointer.committed()
    for (const delivery of batch) delivery.answer()
  } catch (error) {
    for (const delivery of batch) delivery.answer(error)
  }
}

const probe = Fastify({ bodyLimit: 1024 * 1024 })
probe.removeAllContentTypeParsers()
probe.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => { done(null, body) })
probe.post('/webhooks/akeneo', async (request, reply) => {
  const body = request.body as Buffer
  // The service's own check: the probe pays for verification exactly what the service does.
  const primary = request.headers['x-akeneo-signature-primary']
  if (!verifyEventPlatform(body, { primary: typeof primary === 'string' ? primary : undefined }, keys)) return await reply.code(401).send({ error: 'bad signature' })
  const event = JSON.parse(body.toString('utf8')) as { id?: unknown, data?: { product?: { uuid?: unknown } } }
  if (typeof event.id !== 'string' || typeof event.data?.product?.uuid !== 'string') return await reply.code(400).send({ error: 'not a product event' })
  const delivery = { id: event.id, entity: `product:${event.data.product.uuid}` }
  await new Promise<void>((resolve, reject) => {
    waiting.push({ ...delivery, answer: (error) => { if (error === undefined) resolve(); else reject(error) } })
    if (waiting.length === 1) setImmediate(commitWaiting)
  })
  return { accepted: 1 }
})
const address = await probe.listen({ host: '127.0.0.1', port: 0 })
process.send!({ ok: true, port: Number(new URL(address).port) })
process.on('message', (command: { type: string }) => {
  if (command.type === 'exit') {
    void probe.close().then(async () => { await checkpointer.close(); db.close(); process.disconnect() })
    return
  }
  // Deliveries recorded so far: the bench checks that every 200 it counted was persisted.
  process.send!({ ok: true, result: countDeliveries.get()!.n })
})
