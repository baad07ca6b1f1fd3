import assert from 'node:assert/strict'
import { it } from 'node:test'
import { describeStore } from './describe-store.js'

describeStore('asset write log (store.assetWrites)', ({ open }) => {
  it('records what was posted per metaproperty, merging with earlier entries', async () => {
    const store = await open()
    assert.deepEqual(await store.assetWrites.get('bynder', 'A1'), { revision: 0, entries: [] })
    assert.equal(await store.assetWrites.record('bynder', 'A1', 0, { mp_sku: ['o1', 'o2'], mp_name: 'Mug' }, 10), true)
    assert.equal(await store.assetWrites.record('bynder', 'A1', 1, { mp_sku: ['o1', 'o2', 'o3'] }, 20), true)
    const state = await store.assetWrites.get('bynder', 'A1')
    assert.equal(state.revision, 2)
    assert.deepEqual(state.entries, [
      { metapropertyId: 'mp_name', value: 'Mug', writtenAt: 10 },
      { metapropertyId: 'mp_sku', value: ['o1', 'o2', 'o3'], writtenAt: 20 }
    ])
    assert.deepEqual(await store.assetWrites.get('other', 'A1'), { revision: 0, entries: [] })
    await store.close()
  })

  it('refuses a record planned from an older revision and changes nothing', async () => {
    const store = await open()
    assert.equal(await store.assetWrites.record('bynder', 'A1', 0, { mp_sku: ['o1'] }, 10), true)
    assert.equal(await store.assetWrites.record('bynder', 'A1', 0, { mp_sku: ['o2'] }, 11), false)
    assert.deepEqual(await store.assetWrites.get('bynder', 'A1'), { revision: 1, entries: [{ metapropertyId: 'mp_sku', value: ['o1'], writtenAt: 10 }] })
    await store.close()
  })

  it('prunes entries older than a time and keeps the rest', async () => {
    const store = await open()
    await store.assetWrites.record('bynder', 'A1', 0, { mp_a: 'x' }, 10)
    await store.assetWrites.record('bynder', 'A2', 0, { mp_a: 'y' }, 50)
    assert.equal(await store.assetWrites.prune(20), 1)
    assert.deepEqual((await store.assetWrites.get('bynder', 'A1')).entries, [])
    assert.equal((await store.assetWrites.get('bynder', 'A2')).entries.length, 1)
    await store.close()
  })
})

describeStore('inbox health (store.inboxHealth)', ({ open }) => {
  it('counts tasks by kind and status and names the oldest pending one', async () => {
    const store = await open()
    const empty = await store.inboxHealth()
    assert.equal(empty.oldestPendingCreatedAt, null)
    assert.deepEqual(empty.tasks.asset, { pending: 0, running: 0, done: 0, dead: 0 })
    const task = (id: string, kind: 'asset' | 'product') => ({ kind, entityKey: `${kind}:${id}`, entityId: id, reason: 'test', dueAt: 0 })
    await store.intake([
      { source: 'bynder', sourceEventId: 'e1', type: 't', receivedAt: 100, task: task('a1', 'asset') },
      { source: 'bynder', sourceEventId: 'e2', type: 't', receivedAt: 200, task: task('a2', 'asset') },
      { source: 'akeneo_event_platform', sourceEventId: 'e3', type: 't', receivedAt: 300, task: task('p1', 'product') }
    ])
    const [claimed] = await store.claim({ now: 1000, owner: 'w', leaseMs: 1000, limit: 1, maxAttempts: 3 })
    const health = await store.inboxHealth()
    assert.deepEqual(health.tasks.asset, { pending: 1, running: 1, done: 0, dead: 0 })
    assert.deepEqual(health.tasks.product, { pending: 1, running: 0, done: 0, dead: 0 })
    assert.equal(claimed?.entityId, 'a1')
    assert.equal(health.oldestPendingCreatedAt, 200)
    await store.close()
  })
})
