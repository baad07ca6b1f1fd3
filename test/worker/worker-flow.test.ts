import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, it } from 'node:test'
import { UpstreamError } from '../../src/clients/upstream-error.js'
import type { Task } from '../../src/store/store.js'
import { NonRetryableError } from '../../src/worker/task-errors.js'
import { Worker } from '../../src/worker/worker.js'
import { cloudEvent, eventPlatformHeaders } from '../helpers/akeneo-signer.js'
import { startSnsFake } from '../helpers/sns-signer.js'
import { buildTestApp, TEST_ADMIN_TOKEN, TEST_EP_SECRETS, type TestApp } from '../helpers/build-test-app.js'

async function withApp (env: Record<string, string>, run: (t: TestApp) => Promise<void>): Promise<void> {
  const t = await buildTestApp({ env })
  try { await run(t) } finally { await t.close() }
}

/** Delivers one signed product event through the route; returns the event id. */
async function deliver (t: TestApp, uuid = 'aaaaaaaa-0000-4000-8000-000000000001'): Promise<number> {
  const body = JSON.stringify(cloudEvent({ uuid }))
  const res = await t.app.inject({ method: 'POST', url: '/webhooks/akeneo', headers: eventPlatformHeaders(body, TEST_EP_SECRETS[0]), payload: body })
  assert.equal(res.statusCode, 200, res.body)
  return (await t.app.store.listEvents({ limit: 1 }))[0]!.id
}
const upstream503 = () => new UpstreamError({ api: 'akeneo', method: 'GET', path: '/api/rest/v1/products-uuid/x', status: 503, message: 'Service Unavailable' })
const taskOf = async (t: TestApp, eventId: number): Promise<Task> => (await t.app.store.getEvent(eventId))!.task!

describe('worker', () => {
  // A backoff of 100–200 ms: long enough that a loaded machine cannot outrun it between the
  // failure and the check, short enough to wait out.
  it('retries a retryable failure after backoff, then succeeds', () => withApp({ WORKER_BACKOFF_BASE_MS: '200', WORKER_BACKOFF_CAP_MS: '400' }, async (t) => {
    let calls = 0
    t.app.handlers.register('product', async () => { if (++calls === 1) throw upstream503(); return 'synced' })
    const eventId = await deliver(t)
    assert.equal(await t.app.worker.runOnce(), 1)
    let task = await taskOf(t, eventId)
    assert.equal(task.status, 'pending')
    assert.equal(task.attempts, 1)
    assert.match(task.lastError!, /503/)
    assert.ok(task.dueAt > Date.now(), 'the retry waits for its backoff')
    assert.equal(await t.app.worker.runOnce(), 0)
    await sleep(250)
    assert.equal(await t.app.worker.runOnce(), 1)
    task = await taskOf(t, eventId)
    assert.equal(task.status, 'done')
    assert.equal(task.outcome, 'synced')
    assert.equal(calls, 2)
  }))

  it('marks a task dead after the last attempt; POST /events/:id/retry revives it', () => withApp({ WORKER_MAX_ATTEMPTS: '2' }, async (t) => {
    let healthy = false
    t.app.handlers.register('product', async () => { if (!healthy) throw upstream503() })
    const eventId = await deliver(t)
    await t.app.worker.runOnce()
    await sleep(120)
    await t.app.worker.runOnce()
    assert.equal((await taskOf(t, eventId)).status, 'dead')

    const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` }
    const listed = await t.app.inject({ method: 'GET', url: '/events?status=dead', headers: auth })
    assert.deepEqual(listed.json().items.map((e: { id: number }) => e.id), [eventId])
    assert.equal(listed.json().items[0].task.attempts, 2)

    healthy = true
    const retried = await t.app.inject({ method: 'POST', url: `/events/${eventId}/retry`, headers: auth })
    assert.equal(retried.statusCode, 200, retried.body)
    assert.equal(retried.json().task.status, 'pending')
    assert.equal(retried.json().task.attempts, 0)
    assert.equal(await t.app.worker.runOnce(), 1)
    assert.equal((await taskOf(t, eventId)).status, 'done')
  }))

  it('sends a non-retryable failure dead at once, with its reason', () => withApp({}, async (t) => {
    t.app.handlers.register('product', async () => { throw new NonRetryableError('slot attribute application_image_9 does not exist') })
    const eventId = await deliver(t)
    await t.app.worker.runOnce()
    const task = await taskOf(t, eventId)
    assert.equal(task.status, 'dead')
    assert.equal(task.attempts, 1)
    assert.match(task.lastError!, /application_image_9/)
  }))

  it('runs a task whose lease expired after a crash exactly once more, and fences the crashed owner', () => withApp({ WORKER_LEASE_MS: '1000' }, async (t) => {
    let runs = 0
    t.app.handlers.register('product', async () => { runs++ })
    const eventId = await deliver(t)
    // The "crashed" worker: claimed the task, then never finished it.
    const [claimed] = await t.app.store.claim({ now: Date.now(), owner: 'crashed/1', leaseMs: 1000, limit: 10, maxAttempts: 8 })
    assert.equal(claimed!.status, 'running')
    assert.equal(await t.app.worker.runOnce(), 0, 'a live lease is respected')

    const later = new Worker({ store: t.app.store, handlers: t.app.handlers, log: t.app.log, concurrency: 2, maxAttempts: 8, leaseMs: 1000, backoff: { baseMs: 1, capMs: 1 }, clock: () => Date.now() + 1500 })
    assert.equal(await later.drain(), 1)
    assert.equal(runs, 1)
    assert.equal(await t.app.store.complete(claimed!.id, 'crashed/1', Date.now()), false, 'the crashed owner no longer holds the lease')
    assert.equal(await later.drain(), 0)
    const task = await taskOf(t, eventId)
    assert.equal(task.status, 'done')
    assert.equal(task.attempts, 2)
    assert.equal(runs, 1)
  }))

  it('renews the lease of a handler that runs longer than one lease, so nobody else claims it', () => withApp({ WORKER_LEASE_MS: '1000' }, async (t) => {
    let runs = 0
    t.app.handlers.register('product', async () => { runs++; await sleep(1600) })
    const eventId = await deliver(t)
    const slow = t.app.worker.runOnce()
    await sleep(1300)
    const other = new Worker({ store: t.app.store, handlers: t.app.handlers, log: t.app.log, concurrency: 2, maxAttempts: 8, leaseMs: 1000, backoff: { baseMs: 1, capMs: 1 } })
    assert.equal(await other.runOnce(), 0, 'the renewed lease still holds past the first lease length')
    assert.equal(await slow, 1)
    assert.equal(runs, 1)
    assert.equal((await taskOf(t, eventId)).status, 'done')
  }))

  it('coalesces a burst of Bynder events for one asset into one handler run', () => withApp({ BYNDER_FETCH_DELAY_MS: '0' }, async (t) => {
    const sns = await startSnsFake()
    try {
      const seen: string[][] = []
      t.app.handlers.register('asset', async (task) => { seen.push(task.reasons) })
      // Archiving sends meta_updated and archived; an edit right after sends meta_updated again.
      for (const subject of ['asset_bank.media.meta_updated', 'asset_bank.media.archived', 'asset_bank.media.meta_updated', 'asset_bank.media.updated']) {
        const res = await t.app.inject({ method: 'POST', url: '/webhooks/bynder', headers: { 'content-type': 'text/plain' }, payload: JSON.stringify(sns.notification({ mediaId: 'ASSET-1', subject })) })
        assert.equal(res.statusCode, 200)
      }
      assert.equal((await t.app.store.listEvents({ limit: 10 })).length, 4)
      assert.equal(await t.app.worker.drain(), 1)
      assert.deepEqual(seen, [['asset_bank.media.meta_updated', 'asset_bank.media.archived', 'asset_bank.media.updated']])
    } finally {
      await sns.close()
    }
  }))

  it('keeps an event that arrives while its entity runs: a new pending task, run after the first', () => withApp({}, async (t) => {
    let release!: () => void
    const gate = new Promise<void>((resolve) => { release = resolve })
    let runs = 0
    t.app.handlers.register('product', async () => { if (++runs === 1) await gate })
    const first = await deliver(t)
    const running = t.app.worker.runOnce()
    await sleep(20)
    const second = await deliver(t)
    assert.notEqual((await taskOf(t, second)).id, (await taskOf(t, first)).id)
    assert.equal(await t.app.worker.runOnce(), 0, 'never two tasks of one entity at once')
    release()
    await running
    assert.equal(await t.app.worker.drain(), 1)
    assert.equal(runs, 2)
    assert.equal((await taskOf(t, second)).status, 'done')
  }))
})
