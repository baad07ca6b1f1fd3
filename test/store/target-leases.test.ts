import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import { it } from 'node:test'
import { TargetBusyError, withTargetLocks } from '../../src/handlers/target-locks.js'
import { describeStore } from './describe-store.js'

const MUG = 'product\nmug'
const CAP = 'product\ncap'
const TSHIRT = 'product_model\ntshirt'

describeStore('target leases (store.targetLeases)', ({ open, openTwo }) => {
  it('is exclusive: a key another owner holds is refused until it is released', async () => {
    const [a, b] = await openTwo()
    assert.equal(await a.targetLeases.acquire([MUG], 'A', 0, 1000), null)
    assert.equal(await b.targetLeases.acquire([MUG], 'B', 10, 1010), MUG)
    assert.equal(await a.targetLeases.acquire([MUG], 'A', 20, 1020), null, 'the holder taking it again extends it (a lost reply retried)')
    await a.targetLeases.release([MUG], 'A')
    assert.equal(await b.targetLeases.acquire([MUG], 'B', 30, 1030), null)
  })

  it('takes keys in the order given and stops at the first held one: the keys before it are held, those after it are not', async () => {
    const store = await open()
    assert.equal(await store.targetLeases.acquire([MUG], 'A', 0, 1000), null)
    assert.equal(await store.targetLeases.acquire([CAP, MUG, TSHIRT], 'B', 0, 1000), MUG)
    assert.equal(await store.targetLeases.acquire([CAP], 'C', 0, 1000), CAP, 'taken before the held key')
    assert.equal(await store.targetLeases.acquire([TSHIRT], 'C', 0, 1000), null, 'not taken after the held key')
    await store.targetLeases.release([MUG], 'A')
    assert.equal(await store.targetLeases.acquire([MUG, TSHIRT], 'B', 0, 1000), TSHIRT, 'B goes on where it stopped')
  })

  it('a lease that ended (its holder crashed) is taken over; the old holder then renews and releases nothing', async () => {
    const [a, b] = await openTwo()
    assert.equal(await a.targetLeases.acquire([MUG, CAP], 'A', 0, 100), null)
    assert.equal(await b.targetLeases.acquire([MUG], 'B', 99, 199), MUG, 'still held at its last moment')
    assert.equal(await b.targetLeases.acquire([MUG], 'B', 101, 201), null)
    assert.equal(await a.targetLeases.renew([MUG, CAP], 'A', 300), 1, 'A still holds only the other key')
    await a.targetLeases.release([MUG, CAP], 'A')
    assert.equal(await a.targetLeases.acquire([MUG], 'C', 150, 250), MUG, 'B\'s lease stayed')
    assert.equal(await a.targetLeases.acquire([CAP], 'C', 150, 250), null, 'A\'s own key was released')
  })

  it('withTargetLocks: two stores on one database (two processes) run their edits of one product one after the other', async () => {
    const [a, b] = await openTwo()
    const log: string[] = []
    const edit = (name: string) => async (): Promise<void> => { log.push(`${name} read`); await sleep(60); log.push(`${name} write`) }
    await Promise.all([withTargetLocks(a.targetLeases, [MUG, CAP], edit('a')), withTargetLocks(b.targetLeases, [CAP, MUG], edit('b'))])
    assert.ok(log.join() === 'a read,a write,b read,b write' || log.join() === 'b read,b write,a read,a write', log.join())
    assert.equal(await a.targetLeases.acquire([MUG, CAP], 'C', Date.now(), Date.now() + 1000), null, 'both released')
  })

  it('withTargetLocks: a waiter gives up after its bound with an error naming the product, and the holder\'s lease, renewed, outlives its length', async () => {
    const [a, b] = await openTwo()
    let waited: unknown
    await withTargetLocks(a.targetLeases, [MUG], async () => {
      waited = await withTargetLocks(b.targetLeases, [MUG], async () => 'ran', { waitMs: 250 }).catch((error: unknown) => error)
    }, { leaseMs: 80 })
    assert.ok(waited instanceof TargetBusyError, String(waited))
    assert.match(waited.message, /^product mug: another writer held its asset collections for more than 250 ms/)
    assert.equal(await withTargetLocks(b.targetLeases, [MUG], async () => 'ran', { waitMs: 250 }), 'ran', 'free once the holder is done')
  })

  it('withTargetLocks: a key whose holder crashed is taken over once its lease ends', async () => {
    const [a, b] = await openTwo()
    assert.equal(await a.targetLeases.acquire([MUG], 'crashed', Date.now(), Date.now() + 150), null)
    const started = Date.now()
    assert.equal(await withTargetLocks(b.targetLeases, [MUG], async () => 'ran', { waitMs: 2000 }), 'ran')
    assert.ok(Date.now() - started >= 140, 'waited for the lease to end')
  })

  it('withTargetLocks: callers of one store queue in memory without asking the store while the key is theirs', async () => {
    const store = await open()
    let asked = 0
    const acquire = store.targetLeases.acquire
    store.targetLeases.acquire = async (...args) => { asked++; return await acquire(...args) }
    const log: string[] = []
    const edit = (name: string) => async (): Promise<void> => { log.push(`${name} read`); await sleep(40); log.push(`${name} write`) }
    await Promise.all([withTargetLocks(store.targetLeases, [MUG], edit('a')), withTargetLocks(store.targetLeases, [MUG], edit('b'))])
    assert.deepEqual(log, ['a read', 'a write', 'b read', 'b write'])
    assert.equal(asked, 2, 'one acquire each: the second did not poll against the first')
  })
})
