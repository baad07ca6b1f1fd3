import assert from 'node:assert/strict'
import { it } from 'node:test'
import type { Store } from '../../src/store/store.js'
import { describeStore } from './describe-store.js'
import { delivery } from './fixtures.js'

const claimOptions = { owner: 'w1', leaseMs: 1000, limit: 10, maxAttempts: 3 }
const claim = async (store: Store, now: number, extra: Partial<typeof claimOptions> = {}) => await store.claim({ ...claimOptions, now, ...extra })

describeStore('inbox intake', ({ open }) => {
  it('records a delivery once: the same source event id again is a duplicate that only counts the delivery', async () => {
    const store = await open()
    const [first] = await store.intake([delivery('sns-1', 'A1')])
    const [again] = await store.intake([delivery('sns-1', 'A1', { at: 500 })])
    assert.deepEqual(again, { eventId: first!.eventId, status: 'duplicate', taskId: first!.taskId })
    const event = await store.getEvent(first!.eventId)
    assert.deepEqual([event?.deliveries, event?.status, event?.task?.reasons], [2, 'accepted', ['asset_bank.media.meta_updated']])
    assert.equal((await store.findEvent('bynder', 'sns-1'))?.id, first!.eventId)
    assert.equal(await store.findEvent('akeneo_events_api', 'sns-1'), null, 'ids are per source')
    assert.equal(await store.countPending(), 1)
  })

  it('records an event without a task as ignored, with its reason', async () => {
    const store = await open()
    const [outcome] = await store.intake([{ source: 'akeneo_events_api', sourceEventId: 'x1', type: 'product.removed', receivedAt: 1, ignoredReason: 'our own write' }])
    assert.deepEqual([outcome?.status, outcome?.taskId], ['ignored', null])
    assert.equal((await store.getEvent(outcome!.eventId))?.ignoredReason, 'our own write')
    assert.equal(await store.countPending(), 0)
  })

  it('coalesces pending tasks of one entity: reasons as a set, an untried task waits for the latest event', async () => {
    const store = await open()
    const outcomes = await store.intake([
      delivery('e1', 'A1', { at: 100, reason: 'meta_updated' }),
      delivery('e2', 'A1', { at: 200, reason: 'archived' }),
      delivery('e3', 'A1', { at: 300, reason: 'meta_updated' }),
      delivery('e4', 'A2', { at: 300 })
    ])
    assert.equal(new Set(outcomes.slice(0, 3).map((o) => o.taskId)).size, 1)
    assert.notEqual(outcomes[3]!.taskId, outcomes[0]!.taskId)
    const task = await store.getTask(outcomes[0]!.taskId!)
    assert.deepEqual([task?.reasons, task?.dueAt, task?.createdAt, task?.updatedAt], [['meta_updated', 'archived'], 300, 100, 300])
  })

  it('does not fold an event into a running task: a new pending task waits until the first is done', async () => {
    const store = await open()
    const [first] = await store.intake([delivery('e1', 'A1')])
    assert.equal((await claim(store, 100)).length, 1)
    const [second] = await store.intake([delivery('e2', 'A1', { at: 150 })])
    assert.notEqual(second!.taskId, first!.taskId)
    assert.deepEqual(await claim(store, 200, { owner: 'w2' }), [], 'never two tasks of one entity at once')
    assert.equal(await store.complete(first!.taskId!, 'w1', 210, 'synced'), true)
    assert.deepEqual((await claim(store, 220, { owner: 'w2' })).map((t) => t.id), [second!.taskId])
  })

  it('lists events newest first, filtered by status, source, kind and keyset', async () => {
    const store = await open()
    await store.intake([delivery('e1', 'A1'), delivery('e2', 'u1', { kind: 'product', source: 'akeneo_event_platform' }),
      { source: 'bynder', sourceEventId: 'e3', type: 't', receivedAt: 1, ignoredReason: 'no asset' }])
    const all = await store.listEvents({ limit: 10 })
    assert.deepEqual(all.map((e) => e.sourceEventId), ['e3', 'e2', 'e1'])
    assert.deepEqual((await store.listEvents({ limit: 10, status: 'ignored' })).map((e) => e.sourceEventId), ['e3'])
    assert.deepEqual((await store.listEvents({ limit: 10, status: 'pending', kind: 'product' })).map((e) => e.sourceEventId), ['e2'])
    assert.deepEqual((await store.listEvents({ limit: 10, source: 'bynder' })).map((e) => e.sourceEventId), ['e3', 'e1'])
    assert.deepEqual((await store.listEvents({ limit: 1, before: all[0]!.id })).map((e) => e.sourceEventId), ['e2'])
    assert.equal(all[2]!.task?.entityKey, 'asset:A1')
  })
})

describeStore('inbox claims and leases', ({ open }) => {
  it('claims due tasks in due order, one per entity, and leases them to the owner', async () => {
    const store = await open()
    await store.intake([delivery('e1', 'A1', { due: 50 }), delivery('e2', 'A2', { due: 10 }), delivery('e3', 'A3', { due: 5000 })])
    const claimed = await claim(store, 100)
    assert.deepEqual(claimed.map((t) => [t.entityId, t.status, t.leaseOwner, t.leaseUntil, t.attempts]), [['A2', 'running', 'w1', 1100, 1], ['A1', 'running', 'w1', 1100, 1]])
    assert.equal(await store.countPending(), 1)
    assert.deepEqual(await claim(store, 200, { owner: 'w2' }), [], 'a live lease is respected; A3 is not due')
  })

  it('fences an owner that lost its lease: complete, fail, renew and release then change nothing', async () => {
    const store = await open()
    const [outcome] = await store.intake([delivery('e1', 'A1')])
    const [task] = await claim(store, 100)
    assert.equal(await store.renew(task!.id, 'w1', 150, 5000), true)
    assert.deepEqual(await claim(store, 2000, { owner: 'w2' }), [], 'the renewed lease holds')
    const [taken] = await claim(store, 6000, { owner: 'w2' })
    assert.equal(taken?.id, outcome!.taskId)
    assert.equal(taken?.attempts, 2)
    for (const lost of [store.complete(task!.id, 'w1', 6001), store.fail(task!.id, 'w1', 6001, { error: 'x', retryAt: null }),
      store.renew(task!.id, 'w1', 6001, 9000), store.release(task!.id, 'w1', 6001)]) assert.equal(await lost, false)
    assert.equal(await store.complete(task!.id, 'w2', 6002, 'synced'), true)
    assert.deepEqual([(await store.getTask(task!.id))?.status, (await store.getTask(task!.id))?.outcome], ['done', 'synced'])
  })

  it('retries a failure after its backoff, buries a non-retryable one, and an operator retry revives it', async () => {
    const store = await open()
    const [outcome] = await store.intake([delivery('e1', 'A1')])
    const [task] = await claim(store, 100)
    assert.equal(await store.fail(task!.id, 'w1', 110, { error: 'HTTP 503', retryAt: 500 }), true)
    const stored = await store.getTask(task!.id)
    assert.deepEqual([stored?.status, stored?.dueAt, stored?.attempts, stored?.lastError, stored?.leaseOwner], ['pending', 500, 1, 'HTTP 503', null])
    assert.deepEqual(await claim(store, 400), [])
    await claim(store, 500)
    assert.equal(await store.fail(task!.id, 'w1', 510, { error: 'HTTP 422 unknown attribute', retryAt: null }), true)
    assert.equal((await store.getTask(task!.id))?.status, 'dead')
    const revived = await store.retryEventTask(outcome!.eventId, 600)
    assert.deepEqual([revived?.status, revived?.attempts, revived?.dueAt], ['pending', 0, 600])
    assert.equal(await store.retryEventTask(999_999, 600), null)
  })

  it('gives a released task back untouched, and buries a task whose lease expired maxAttempts times', async () => {
    const store = await open()
    await store.intake([delivery('e1', 'A1')])
    const [task] = await claim(store, 100)
    assert.equal(await store.release(task!.id, 'w1', 110), true)
    const back = await store.getTask(task!.id)
    assert.deepEqual([back?.status, back?.attempts, back?.dueAt], ['pending', 0, 100])
    for (let now = 200; now < 200 + 3 * 2000; now += 2000) assert.equal((await claim(store, now, { owner: `crashed-${now}` })).length, 1)
    assert.deepEqual(await claim(store, 10_000), [])
    const dead = await store.getTask(task!.id)
    assert.equal(dead?.status, 'dead')
    assert.match(dead?.lastError ?? '', /lease expired 3 times/)
  })

  it('folds a retried task into a newer pending task of the same entity', async () => {
    const store = await open()
    const [first] = await store.intake([delivery('e1', 'A1', { reason: 'meta_updated' })])
    await claim(store, 100)
    const [second] = await store.intake([delivery('e2', 'A1', { at: 150, due: 900, reason: 'archived' })])
    assert.equal(await store.fail(first!.taskId!, 'w1', 200, { error: 'HTTP 503', retryAt: 400 }), true)
    const folded = await store.getTask(first!.taskId!)
    assert.deepEqual([folded?.status, folded?.outcome], ['done', `superseded by task ${second!.taskId}`])
    const newer = await store.getTask(second!.taskId!)
    assert.deepEqual([newer?.status, newer?.reasons, newer?.dueAt], ['pending', ['archived', 'meta_updated'], 400])
  })

  it('counts the inbox by kind and status', async () => {
    const store = await open()
    await store.intake([delivery('e1', 'A1', { at: 100 }), delivery('e2', 'A2', { at: 200 }), delivery('e3', 'u1', { kind: 'product', at: 300 })])
    await claim(store, 1000, { limit: 1 })
    const health = await store.inboxHealth()
    assert.deepEqual(health.tasks.asset, { pending: 1, running: 1, done: 0, dead: 0 })
    assert.deepEqual(health.tasks.product_model, { pending: 0, running: 0, done: 0, dead: 0 })
    assert.equal(health.oldestPendingCreatedAt, 200)
    assert.equal(await store.ping(), true)
  })
})
