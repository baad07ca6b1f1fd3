import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { backoffDelay } from '../../src/worker/backoff.js'
import { isRetryable, NonRetryableError } from '../../src/worker/task-errors.js'
import { UpstreamError } from '../../src/clients/upstream-error.js'

const options = { baseMs: 1000, capMs: 60_000 }

describe('backoffDelay', () => {
  it('doubles per attempt, between half and all of base·2^(attempt−1)', () => {
    assert.deepEqual([1, 2, 3, 4].map((a) => backoffDelay(a, options, () => 0)), [500, 1000, 2000, 4000])
    assert.deepEqual([1, 2, 3, 4].map((a) => backoffDelay(a, options, () => 1)), [1000, 2000, 4000, 8000])
  })

  it('never exceeds the cap, even for huge attempt numbers', () => {
    assert.equal(backoffDelay(50, options, () => 1), 60_000)
    assert.equal(backoffDelay(1000, options, () => 0), 30_000)
  })

  it('spreads retries with jitter', () => {
    const delays = new Set(Array.from({ length: 20 }, () => backoffDelay(5, options)))
    assert.ok(delays.size > 1)
    for (const delay of delays) assert.ok(delay >= 8000 && delay <= 16_000)
  })
})

describe('isRetryable', () => {
  it('follows the retryable flag errors carry, and retries unknown errors', () => {
    const upstream = (status: number) => new UpstreamError({ api: 'akeneo', method: 'PATCH', path: '/x', status, message: 'm' })
    assert.equal(isRetryable(upstream(429)), true)
    assert.equal(isRetryable(upstream(503)), true)
    assert.equal(isRetryable(upstream(422)), false)
    assert.equal(isRetryable(new NonRetryableError('mapping')), false)
    assert.equal(isRetryable(new Error('socket hang up')), true)
  })
})
