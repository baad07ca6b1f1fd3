import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, it } from 'node:test'
import { readEnv } from '../../src/config/env.js'
import { Worker } from '../../src/worker/worker.js'
import { cloudEvent, eventPlatformHeaders } from '../helpers/akeneo-signer.js'
import { buildTestApp, TEST_EP_SECRETS } from '../helpers/build-test-app.js'

describe('short leases', () => {
  it('default to 20 s, so a crashed process\'s tasks run again well within 30 s', () => {
    const env = readEnv({ AKENEO_BASE_URL: 'http://x', AKENEO_CLIENT_ID: 'a', AKENEO_CLIENT_SECRET: 'b', AKENEO_USERNAME: 'c', AKENEO_PASSWORD: 'd', BYNDER_BASE_URL: 'http://y', BYNDER_PERMANENT_TOKEN: 'e' })
    assert.ok(env.WORKER_LEASE_MS <= 20_000)
  })

  it('a handler whose lease another worker took over is aborted, and its end is not recorded', async () => {
    const t = await buildTestApp()
    try {
      let started = false
      let abortedAt: number | undefined
      t.app.handlers.register('product', (_task, { signal }) => new Promise((resolve) => {
        started = true
        const timer = setTimeout(() => resolve('finished unaware'), 3000)
        signal.addEventListener('abort', () => { abortedAt = Date.now(); clearTimeout(timer); resolve('stopped') })
      }))
      const body = JSON.stringify(cloudEvent())
      await t.app.inject({ method: 'POST', url: '/webhooks/akeneo', headers: eventPlatformHeaders(body, TEST_EP_SECRETS[0]), payload: body })
      const stalled = new Worker({ store: t.app.store, handlers: t.app.handlers, log: t.app.log, concurrency: 1, maxAttempts: 8, leaseMs: 1000, backoff: { baseMs: 1, capMs: 1 } })
      const run = stalled.runOnce()
      for (let i = 0; i < 100 && !started; i++) await sleep(10)
      // Another replica whose clock is past the lease takes the task over.
      const [taken] = await t.app.store.claim({ now: Date.now() + 1500, owner: 'replica-b/1', leaseMs: 60_000, limit: 1, maxAttempts: 8 })
      assert.ok(taken !== undefined, 'the other replica claimed it')
      const lostAt = Date.now()
      await run
      assert.ok(abortedAt !== undefined, 'the handler was told to stop')
      assert.ok(abortedAt - lostAt < 1000, `stopped ${abortedAt - lostAt} ms after losing the lease`)
      const task = (await t.app.store.getTask(taken.id))!
      assert.equal(task.status, 'running')
      assert.equal(task.leaseOwner, 'replica-b/1')
    } finally {
      await t.close()
    }
  })
})
