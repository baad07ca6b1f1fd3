import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createPendingGauge } from '../../src/webhooks/pending-gauge.js'

describe('pending gauge', () => {
  it('reads the store at most once per period and counts what was added meanwhile', async () => {
    let now = 0
    let reads = 0
    let stored = 10
    const gauge = createPendingGauge(async () => { reads++; return stored }, 250, () => now)
    assert.equal(await gauge.current(), 10)
    gauge.added(3)
    stored = 5
    now = 200
    assert.equal(await gauge.current(), 13)
    assert.equal(reads, 1)
    now = 500
    assert.equal(await gauge.current(), 5)
    assert.equal(reads, 2)
  })
})
