import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import { test } from 'node:test'
import { limitConcurrency } from '../../src/clients/limit-concurrency.js'

test('runs at most max tasks at once, in arrival order', async () => {
  const limiter = limitConcurrency(2)
  let running = 0
  let peak = 0
  const started: number[] = []
  await Promise.all(Array.from({ length: 6 }, async (_, i) => await limiter.run(async () => {
    started.push(i)
    running++
    peak = Math.max(peak, running)
    await sleep(10)
    running--
  })))
  assert.equal(peak, 2)
  assert.deepEqual(started, [0, 1, 2, 3, 4, 5])
  assert.equal(limiter.active, 0)
})

test('a failing task releases its slot and its error reaches the caller', async () => {
  const limiter = limitConcurrency(1)
  await assert.rejects(limiter.run(async () => { throw new Error('boom') }), /boom/)
  assert.equal(await limiter.run(async () => 'next'), 'next')
  assert.equal(limiter.active, 0)
  assert.equal(limiter.pending, 0)
})

test('refuses a non-positive limit', () => {
  assert.throws(() => limitConcurrency(0), RangeError)
})
