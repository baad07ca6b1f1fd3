import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, it } from 'node:test'
import { Worker } from '../../src/worker/worker.js'
import { cloudEvent, eventPlatformHeaders } from '../helpers/akeneo-signer.js'
import { buildTestApp, TEST_EP_SECRETS } from '../helpers/build-test-app.js'

describe('worker shutdown', () => {
  it('started by the app, it runs due tasks on its own and stops on close', async () => {
    const t = await buildTestApp({ worker: true })
    try {
      let runs = 0
      t.app.handlers.register('product', async () => { runs++ })
      const body = JSON.stringify(cloudEvent())
      await t.app.inject({ method: 'POST', url: '/webhooks/akeneo', headers: eventPlatformHeaders(body, TEST_EP_SECRETS[0]), payload: body })
      for (let i = 0; i < 100 && runs === 0; i++) await sleep(10)
      assert.equal(runs, 1)
    } finally {
      await t.close()
    }
  })

  it('gives a task that outlives the grace period back as pending, attempt not counted', async () => {
    const t = await buildTestApp()
    try {
      let aborted = false
      let started = false
      t.app.handlers.register('product', (_task, { signal }) => new Promise((_resolve, reject) => {
        started = true
        signal.addEventListener('abort', () => { aborted = true; reject(new Error('aborted')) })
      }))
      const body = JSON.stringify(cloudEvent())
      await t.app.inject({ method: 'POST', url: '/webhooks/akeneo', headers: eventPlatformHeaders(body, TEST_EP_SECRETS[0]), payload: body })
      const worker = new Worker({ store: t.app.store, handlers: t.app.handlers, log: t.app.log, concurrency: 1, maxAttempts: 3, leaseMs: 60_000, backoff: { baseMs: 1, capMs: 1 }, pollMs: 10, shutdownGraceMs: 50 })
      worker.start()
      for (let i = 0; i < 100 && !started; i++) await sleep(10)
      await worker.stop()
      assert.equal(aborted, true)
      const [event] = await t.app.store.listEvents({ limit: 1 })
      assert.equal(event!.task!.status, 'pending')
      assert.equal(event!.task!.attempts, 0)
      assert.equal(event!.task!.leaseUntil, null)
    } finally {
      await t.close()
    }
  })
})
