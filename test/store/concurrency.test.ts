import assert from 'node:assert/strict'
import { it } from 'node:test'
import type { NewReplayRun } from '../../src/store/replay-store.js'
import type { Store, Task } from '../../src/store/store.js'
import { describeStore } from './describe-store.js'
import { delivery } from './fixtures.js'

/**
 * Two stores on one database, as two replicas have them (on PostgreSQL: two pools, so the
 * calls below really interleave at the server). Each race runs many rounds at once.
 */
describeStore('two stores on one database', ({ openTwo }) => {
  it('the same delivery arriving at both at once is recorded once, with one task', async () => {
    const [a, b] = await openTwo()
    const outcomes = await Promise.all(Array.from({ length: 40 }, async (_, i) =>
      await Promise.all([a.intake([delivery(`sns-${i}`, `A${i}`)]), b.intake([delivery(`sns-${i}`, `A${i}`)])])))
    for (const [[x], [y]] of outcomes) {
      assert.deepEqual([x!.status, y!.status].sort(), ['accepted', 'duplicate'])
      assert.equal(x!.eventId, y!.eventId)
      assert.equal(x!.taskId, y!.taskId)
    }
    assert.equal((await a.listEvents({ limit: 100 })).length, 40)
    assert.ok((await b.listEvents({ limit: 100 })).every((event) => event.deliveries === 2))
    assert.equal(await a.countPending(), 40)
  })

  it('events for one entity sent to both at once coalesce into one pending task', async () => {
    const [a, b] = await openTwo()
    const outcomes = await Promise.all(Array.from({ length: 60 }, async (_, i) =>
      await (i % 2 === 0 ? a : b).intake([delivery(`e${i}`, `A${i % 3}`, { reason: `r${i % 4}` })])))
    const tasks = new Map<string, Set<number>>()
    for (const [i, [outcome]] of outcomes.entries()) {
      const set = tasks.get(`A${i % 3}`) ?? new Set()
      set.add(outcome!.taskId!)
      tasks.set(`A${i % 3}`, set)
    }
    assert.deepEqual([...tasks.values()].map((ids) => ids.size), [1, 1, 1])
    assert.equal(await a.countPending(), 3)
    const task = await b.getTask([...tasks.get('A0')!][0]!)
    assert.deepEqual([...task!.reasons].sort(), ['r0', 'r1', 'r2', 'r3'])
  })

  it('never leases two tasks of one entity, even when both claim at once with an expired lease and a pending task per entity', async () => {
    const [a, b] = await openTwo()
    const entities = 30
    await a.intake(Array.from({ length: entities }, (_, i) => delivery(`first-${i}`, `A${i}`)))
    // A crashed replica's leases (expire at 1100), and a newer pending task for every entity.
    assert.equal((await a.claim({ now: 100, owner: 'crashed', leaseMs: 1000, limit: entities, maxAttempts: 5 })).length, entities)
    await b.intake(Array.from({ length: entities }, (_, i) => delivery(`second-${i}`, `A${i}`, { at: 200 })))
    const claims = (store: Store, owner: string): Promise<Task[]> => store.claim({ now: 2000, owner, leaseMs: 60_000, limit: 4, maxAttempts: 5 })
    const claimed: Task[] = []
    for (let round = 0; round < 12; round++) {
      const [x, y] = await Promise.all([claims(a, 'a'), claims(b, 'b')])
      claimed.push(...x, ...y)
    }
    const perEntity = new Map<string, number>()
    for (const task of claimed) perEntity.set(task.entityKey, (perEntity.get(task.entityKey) ?? 0) + 1)
    assert.ok([...perEntity.values()].every((n) => n === 1), JSON.stringify([...perEntity].filter(([, n]) => n > 1)))
    assert.equal(perEntity.size, entities, 'every entity was taken by one of them')
  })

  it('a crashed replica\'s lease expires and the other store takes the task', async () => {
    const [a, b] = await openTwo()
    const [outcome] = await a.intake([delivery('e1', 'A1')])
    await a.claim({ now: 100, owner: 'a', leaseMs: 1000, limit: 1, maxAttempts: 5 })
    assert.deepEqual(await b.claim({ now: 1099, owner: 'b', leaseMs: 1000, limit: 1, maxAttempts: 5 }), [])
    const [taken] = await b.claim({ now: 1100, owner: 'b', leaseMs: 1000, limit: 1, maxAttempts: 5 })
    assert.equal(taken?.id, outcome!.taskId)
    assert.equal(await a.complete(outcome!.taskId!, 'a', 1200), false)
    assert.equal(await b.complete(outcome!.taskId!, 'b', 1200), true)
  })

  it('creates one live replay run per job and credential when both start it at once', async () => {
    const [a, b] = await openTwo()
    const run = (job: NewReplayRun['job'], credentialCode: string): NewReplayRun =>
      ({ job, credentialCode, windowStart: 0, windowEnd: 1000, dryRun: false, trigger: 'schedule', startedAt: 1000 })
    const keys = (['import-assets', 'update-properties', 'update-mapped-properties'] as const).flatMap((job) => ['bynder', 'emea', 'apac'].map((code) => run(job, code)))
    const results = await Promise.all(keys.map(async (key) => await Promise.all([a.replays.create(key, 0), b.replays.create(key, 0)])))
    for (const [x, y] of results) {
      assert.deepEqual(['created' in x, 'created' in y].sort(), [false, true])
      const created = 'created' in x ? x.created : (y as { created: { id: number } }).created
      const running = 'running' in x ? x.running : (y as { running: { id: number } }).running
      assert.equal(running.id, created.id)
    }
  })

  it('lets only one of two writers that planned from the same revision record (asset write log)', async () => {
    const [a, b] = await openTwo()
    const results = await Promise.all(Array.from({ length: 30 }, async (_, i) => await Promise.all([
      a.assetWrites.record('bynder', `A${i}`, 0, { mp_sku: ['from-a'] }, 10),
      b.assetWrites.record('bynder', `A${i}`, 0, { mp_sku: ['from-b'] }, 10)
    ])))
    for (const [i, pair] of results.entries()) {
      assert.deepEqual([...pair].sort(), [false, true], `asset A${i}`)
      const state = await a.assetWrites.get('bynder', `A${i}`)
      assert.deepEqual([state.revision, state.entries[0]?.value], [1, pair[0] ? ['from-a'] : ['from-b']])
    }
    const next = await Promise.all([a.assetWrites.record('bynder', 'A0', 1, { mp_x: 'a' }, 20), b.assetWrites.record('bynder', 'A0', 1, { mp_x: 'b' }, 20)])
    assert.deepEqual([...next].sort(), [false, true], 'the update path too')
  })
})
