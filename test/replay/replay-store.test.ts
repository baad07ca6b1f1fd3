import assert from 'node:assert/strict'
import { it } from 'node:test'
import type { NewReplayRun } from '../../src/store/replay-store.js'
import { describeStore } from '../store/describe-store.js'
import type { IncomingEvent, Store } from '../../src/store/store.js'

const T0 = Date.parse('2026-11-28T10:00:00Z')
const run = (extra: Partial<NewReplayRun> = {}): NewReplayRun => ({
  job: 'import-assets', credentialCode: 'bynder', windowStart: T0 - 3_600_000, windowEnd: T0, dryRun: false, trigger: 'api', startedAt: T0, ...extra
})

function event (id: string, extra: { snapshot?: string, reason?: string, at?: number } = {}): IncomingEvent {
  const at = extra.at ?? T0
  return {
    source: 'replay',
    sourceEventId: id,
    type: extra.reason ?? 'replay:import-assets',
    receivedAt: at,
    task: {
      kind: 'asset', entityKey: 'asset:bynder:A1', entityId: 'A1', credentialCode: 'bynder', reason: extra.reason ?? 'replay:import-assets', dueAt: at,
      ...(extra.snapshot === undefined ? {} : { snapshot: extra.snapshot })
    }
  }
}

async function pendingSnapshot (store: Store): Promise<string | null> {
  const [task] = await store.claim({ now: T0 + 10_000, owner: 'peek', leaseMs: 1, limit: 1, maxAttempts: 5 })
  await store.release(task!.id, 'peek', T0)
  return task!.snapshot
}

describeStore('replay runs (store.replays)', ({ open }) => {
  it('refuses a second live run of a job and credential, but not a dry run, another job or another credential', async () => {
    const store = await open()
    const first = await store.replays.create(run(), T0 - 300_000)
    assert.ok('created' in first)
    const second = await store.replays.create(run({ trigger: 'schedule' }), T0 - 300_000)
    assert.ok('running' in second)
    assert.equal(second.running.id, first.created.id)
    for (const other of [run({ dryRun: true }), run({ job: 'update-properties' }), run({ credentialCode: 'emea' })]) {
      assert.ok('created' in await store.replays.create(other, T0 - 300_000), JSON.stringify(other))
    }
    assert.equal((await store.replays.running('import-assets', 'bynder', T0 - 300_000))?.id, first.created.id)
    await store.close()
  })

  it('takes a run whose heartbeat stopped for a crashed one: failed, and no longer blocking', async () => {
    const store = await open()
    const crashed = await store.replays.create(run(), T0 - 300_000)
    assert.ok('created' in crashed)
    const later = T0 + 10 * 60_000
    assert.equal(await store.replays.running('import-assets', 'bynder', later - 300_000), null)
    const next = await store.replays.create(run({ startedAt: later }), later - 300_000)
    assert.ok('created' in next)
    const old = await store.replays.get(crashed.created.id)
    assert.equal(old?.status, 'failed')
    assert.match(old?.error ?? '', /abandoned: no heartbeat since 2026-11-28T10:00:00.000Z/)
    await store.close()
  })

  it('records counts as a heartbeat, then the outcome; lastSuccessful skips failed and dry runs and can filter by trigger', async () => {
    const store = await open()
    const ids: number[] = []
    for (const [extra, status] of [
      [{ trigger: 'schedule', startedAt: T0 }, 'done'],
      [{ trigger: 'api', startedAt: T0 + 1000 }, 'done'],
      [{ trigger: 'schedule', startedAt: T0 + 2000 }, 'failed'],
      [{ trigger: 'schedule', startedAt: T0 + 3000, dryRun: true }, 'done']
    ] as const) {
      const created = await store.replays.create(run(extra), 0)
      assert.ok('created' in created)
      ids.push(created.created.id)
      await store.replays.updateCounts(created.created.id, { ...created.created.counts, listed: 5 }, extra.startedAt + 10)
      assert.equal((await store.replays.get(created.created.id))?.updatedAt, extra.startedAt + 10)
      await store.replays.finish(created.created.id, { status, counts: { ...created.created.counts, listed: 7 }, now: extra.startedAt + 20, ...(status === 'failed' ? { error: 'listing failed' } : {}) })
    }
    const done = await store.replays.get(ids[0]!)
    assert.deepEqual([done?.status, done?.counts.listed, done?.finishedAt, done?.planned], ['done', 7, T0 + 20, null])
    assert.equal((await store.replays.lastSuccessful('import-assets', 'bynder'))?.id, ids[1])
    assert.equal((await store.replays.lastSuccessful('import-assets', 'bynder', ['schedule']))?.id, ids[0])
    assert.equal(await store.replays.lastSuccessful('update-properties', 'bynder'), null)
    assert.equal(await store.replays.get(999), null)
    await store.close()
  })

  it('lists runs newest first, a page below a given id', async () => {
    const store = await open()
    const ids: number[] = []
    for (const job of ['import-assets', 'update-properties', 'update-mapped-properties'] as const) {
      const created = await store.replays.create(run({ job }), 0)
      assert.ok('created' in created)
      ids.push(created.created.id)
    }
    assert.deepEqual((await store.replays.list({ limit: 10 })).map((r) => r.id), [...ids].reverse())
    assert.deepEqual((await store.replays.list({ limit: 1, before: ids[2]! })).map((r) => [r.id, r.job]), [[ids[1], 'update-properties']])
    await store.close()
  })

  it('reports the status of the tasks a run fed, by its event ids (runs 1 and 10 kept apart)', async () => {
    const store = await open()
    await store.intake([event('replay:1:asset:bynder:A1@v1'), { ...event('replay:1:asset:bynder:A2@v1'), task: { ...event('x').task!, entityKey: 'asset:bynder:A2', entityId: 'A2' } }])
    await store.intake([event('replay:10:asset:bynder:A1@v1'), event('bynder-message-1')])
    const [claimed] = await store.claim({ now: T0, owner: 'w', leaseMs: 1000, limit: 1, maxAttempts: 5 })
    await store.complete(claimed!.id, 'w', T0)
    assert.deepEqual(await store.replays.taskProgress(1), { pending: 1, running: 0, done: 1, dead: 0 })
    // Run 10's event coalesced into the task run 1 queued: that task's status is its progress.
    assert.deepEqual(await store.replays.taskProgress(10), { pending: 0, running: 0, done: 1, dead: 0 })
    assert.deepEqual(await store.replays.taskProgress(2), { pending: 0, running: 0, done: 0, dead: 0 })
    await store.close()
  })
})

describeStore('task snapshots', ({ open }) => {
  it('a listing sets the snapshot; a newer listing replaces it; a live event clears it and a later listing does not overrule that', async () => {
    const store = await open()
    await store.intake([event('replay:1:a@v1', { snapshot: '{"v":1}' })])
    assert.equal(await pendingSnapshot(store), '{"v":1}')
    await store.intake([event('replay:1:a@v2', { snapshot: '{"v":2}' })])
    assert.equal(await pendingSnapshot(store), '{"v":2}')
    await store.intake([{ ...event('sns-1', { reason: 'asset_bank.media.meta_updated' }), source: 'bynder' }])
    assert.equal(await pendingSnapshot(store), null)
    await store.intake([event('replay:2:a@v3', { snapshot: '{"v":3}' })])
    assert.equal(await pendingSnapshot(store), null, 'the live event asked for the current state')
    await store.close()
  })

  it('is dropped when the task is done, dead, or retried after a backoff', async () => {
    const store = await open()
    const claim = async (): Promise<number> => (await store.claim({ now: T0 + 60_000, owner: 'w', leaseMs: 1000, limit: 1, maxAttempts: 5 }))[0]!.id
    await store.intake([event('replay:1:a@v1', { snapshot: '{"v":1}' })])
    let id = await claim()
    await store.fail(id, 'w', T0, { error: 'HTTP 503', retryAt: T0 + 1000 })
    assert.equal((await store.getTask(id))?.snapshot, null)
    await store.intake([event('replay:1:a@v2', { snapshot: '{"v":2}' })])
    assert.equal((await store.getTask(id))?.snapshot, null, 'coalesced into a retry that reads the current state')
    id = await claim()
    await store.complete(id, 'w', T0)
    await store.intake([event('replay:1:a@v3', { snapshot: '{"v":3}' })])
    id = await claim()
    assert.equal((await store.getTask(id))?.snapshot, '{"v":3}')
    await store.fail(id, 'w', T0, { error: 'HTTP 422', retryAt: null })
    assert.equal((await store.getTask(id))?.status, 'dead')
    assert.equal((await store.getTask(id))?.snapshot, null)
    await store.close()
  })
})

describeStore('entity versions (store.versions)', ({ open }) => {
  it('answers the versions it knows for a list of keys and replaces them on set', async () => {
    const store = await open()
    await store.versions.set('product:u-1', '2026-11-28T10:00:00+00:00|abc', T0)
    await store.versions.set('product_model:tshirt', 'v1', T0)
    await store.versions.set('product_model:tshirt', 'v2', T0 + 1)
    const found = await store.versions.get(['product:u-1', 'product_model:tshirt', 'product:unknown'])
    assert.deepEqual([...found].sort(), [['product:u-1', '2026-11-28T10:00:00+00:00|abc'], ['product_model:tshirt', 'v2']])
    assert.equal((await store.versions.get([])).size, 0)
    await store.close()
  })
})
