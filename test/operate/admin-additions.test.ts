import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { checkCommand } from '../../src/check/command.js'
import { emulatorEnv } from '../fakes/connector-env.js'
import { startLinkWorld } from '../handlers/link-harness.js'
import { cloudEvent, eventPlatformHeaders } from '../helpers/akeneo-signer.js'
import { buildTestApp, TEST_EP_SECRETS } from '../helpers/build-test-app.js'
import { auth, postReplay, waitForRun } from '../replay/replay-helpers.js'

describe('GET /events health', () => {
  it('answers the inbox counts by status and kind and the oldest pending task, whatever the filter', async () => {
    const t = await buildTestApp()
    try {
      const empty = (await t.app.inject({ method: 'GET', url: '/events', headers: auth })).json()
      assert.deepEqual(empty.health.tasks, { pending: 0, running: 0, done: 0, dead: 0 })
      assert.equal(empty.health.oldest_pending, null)
      const before = Date.now()
      for (const code of ['model-a', 'model-b']) {
        const body = JSON.stringify(cloudEvent({ type: 'com.akeneo.pim.v1.product-model.updated', code }))
        await t.app.inject({ method: 'POST', url: '/webhooks/akeneo', headers: eventPlatformHeaders(body, TEST_EP_SECRETS[0]), payload: body })
      }
      // Filtered on dead: no item, yet the counts are the whole inbox's.
      const page = (await t.app.inject({ method: 'GET', url: '/events?status=dead', headers: auth })).json()
      assert.equal(page.items.length, 0)
      assert.deepEqual(page.health.tasks, { pending: 2, running: 0, done: 0, dead: 0 })
      assert.deepEqual(page.health.by_kind.product_model, { pending: 2, running: 0, done: 0, dead: 0 })
      assert.ok(Date.parse(page.health.oldest_pending.created_at) >= before - 1000)
      assert.ok(page.health.oldest_pending.age_seconds >= 0 && page.health.oldest_pending.age_seconds < 60)
    } finally {
      await t.close()
    }
  })
})

describe('GET /replay and POST /check against the emulators', () => {
  it('lists replay runs newest first in pages, without the planned writes', async () => {
    const w = await startLinkWorld()
    try {
      const ids = await postReplay(w.app, { jobs: ['import-assets', 'update-properties'], dry_run: true })
      for (const id of ids) await waitForRun(w.app, id)
      const first = (await w.app.inject({ method: 'GET', url: '/replay?limit=1', headers: auth })).json()
      assert.deepEqual(first.items.map((run: { id: number }) => run.id), [ids[1]])
      assert.equal(first.items[0].planned, undefined)
      assert.equal(first.next, ids[1])
      const second = (await w.app.inject({ method: 'GET', url: `/replay?limit=5&before=${first.next}`, headers: auth })).json()
      assert.deepEqual(second.items.map((run: { id: number, job: string }) => `${run.id} ${run.job}`), [`${ids[0]} import-assets`])
      assert.equal(second.next, undefined)
      assert.equal((await w.app.inject({ method: 'GET', url: '/replay?limit=0', headers: auth })).statusCode, 400)
      assert.equal((await w.app.inject({ method: 'GET', url: '/replay' })).statusCode, 401)
    } finally {
      await w.close()
    }
  })

  it('POST /check answers what `bynder-akeneo check` prints, behind the admin token', async () => {
    const w = await startLinkWorld()
    const dir = mkdtempSync(join(tmpdir(), 'connector-check-route-'))
    try {
      assert.equal((await w.app.inject({ method: 'POST', url: '/check' })).statusCode, 401)
      const res = await w.app.inject({ method: 'POST', url: '/check', headers: auth })
      assert.equal(res.statusCode, 200)
      const report = res.json() as { summary: string, errors: number, findings: Array<{ severity: string, text: string }> }
      let stdout = ''
      const code = await checkCommand([], { env: emulatorEnv(w.akeneo, w.bynder, dir), stdout: (text) => { stdout += text }, stderr: () => {} })
      const lines = stdout.trimEnd().split('\n')
      assert.equal(report.summary, lines.at(-1))
      assert.deepEqual(report.findings.map((f) => `${f.severity}  ${f.text}`), lines.slice(0, -1))
      assert.equal(report.errors > 0, code === 1)
    } finally {
      await w.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
