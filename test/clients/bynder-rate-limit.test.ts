import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createRateLimiter } from '../../src/clients/rate-limit.js'

describe('createRateLimiter', () => {
  it('never grants more than maxPerWindow in any window, in call order', async () => {
    const limiter = createRateLimiter({ maxPerWindow: 3, windowMs: 100 })
    const grants: Array<{ i: number, t: number }> = []
    const start = Date.now()
    await Promise.all(Array.from({ length: 9 }, (_, i) => limiter.acquire().then(() => grants.push({ i, t: Date.now() }))))
    assert.deepEqual(grants.map((g) => g.i), [0, 1, 2, 3, 4, 5, 6, 7, 8])
    assert.ok(Date.now() - start >= 200, '9 grants at 3 per 100 ms need at least two full windows')
    // Times are taken in the callers' callbacks, which a loaded machine may run a little late;
    // exactness is proved with the fake clock below.
    for (let k = 3; k < grants.length; k++) assert.ok(grants[k]!.t - grants[k - 3]!.t >= 90, `grant ${k} came too early`)
  })

  it('with a fake clock, waits exactly until the oldest grant leaves the window', async () => {
    let now = 0
    const sleeps: number[] = []
    const limiter = createRateLimiter({ maxPerWindow: 2, windowMs: 1000, now: () => now, sleep: async (ms) => { sleeps.push(ms); now += ms } })
    await limiter.acquire()
    now = 300
    await limiter.acquire()
    await limiter.acquire()
    assert.deepEqual(sleeps, [700])
    assert.equal(now, 1000)
  })

  it('rejects a nonsensical limit', () => {
    assert.throws(() => createRateLimiter({ maxPerWindow: 0 }), RangeError)
  })
})
