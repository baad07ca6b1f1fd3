import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../helpers/build-test-app.js'
import { startLinkWorld, type LinkWorld } from '../handlers/link-harness.js'
import { auth, waitForRun } from './replay-helpers.js'

describe('POST /replay and GET /replay/:id: admin token and validation', () => {
  let t: TestApp
  before(async () => { t = await buildTestApp() })
  after(async () => { await t.close() })

  const post = async (payload: unknown, headers: Record<string, string> = auth) =>
    await t.app.inject({ method: 'POST', url: '/replay', headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(payload) })

  it('answers 401 without the admin bearer token or with a wrong one, and records nothing', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong-token-0123456789' }, { authorization: TEST_ADMIN_TOKEN }] as Array<Record<string, string>>) {
      const res = await post({}, headers)
      assert.equal(res.statusCode, 401)
      assert.equal(res.headers['www-authenticate'], 'Bearer realm="bynder-akeneo-connector"')
    }
    assert.equal((await t.app.inject({ method: 'GET', url: '/replay/1' })).statusCode, 401)
    assert.equal(await t.app.store.replays.get(1), null)
  })

  it('answers 403 on every call while ADMIN_TOKEN is unset', async () => {
    const off = await buildTestApp({ env: { ADMIN_TOKEN: '' } })
    try {
      const res = await off.app.inject({ method: 'POST', url: '/replay', headers: auth, payload: {} })
      assert.equal(res.statusCode, 403)
      assert.match(res.json().message, /ADMIN_TOKEN/)
    } finally {
      await off.close()
    }
  })

  it('refuses a bad body with 400 saying what is wrong, and starts nothing', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ max_updated_time_in_minutes: 0 }, /max_updated_time_in_minutes/],
      [{ max_updated_time_in_minutes: 43_201 }, /max_updated_time_in_minutes/],
      [{ max_updated_time_in_minutes: 1.5 }, /max_updated_time_in_minutes/],
      [{ jobs: ['import-products'] }, /jobs/],
      [{ jobs: [] }, /jobs/],
      [{ jobs: ['import-assets', 'import-assets'] }, /jobs/],
      [{ dry_run: 'perhaps' }, /dry_run/],
      [{ max_updated_time_in_minute: 5 }, /Unknown field\(s\) in the body: max_updated_time_in_minute/],
      [{ credential_code: 'emea' }, /Unknown credential_code "emea" \(known: bynder\)/],
      [[], /body/]
    ]
    for (const [payload, message] of cases) {
      const res = await post(payload)
      assert.equal(res.statusCode, 400, JSON.stringify(payload))
      assert.match(res.json().message, message, JSON.stringify(payload))
    }
    const broken = await t.app.inject({ method: 'POST', url: '/replay', headers: { ...auth, 'content-type': 'application/json' }, payload: '{"jobs": [' })
    assert.equal(broken.statusCode, 400)
    assert.equal(await t.app.store.replays.get(1), null)
  })

  it('GET /replay/:id answers 404 for an unknown run and 400 for an id that is not one', async () => {
    const missing = await t.app.inject({ method: 'GET', url: '/replay/999', headers: auth })
    assert.equal(missing.statusCode, 404)
    assert.match(missing.json().message, /No replay run 999/)
    assert.equal((await t.app.inject({ method: 'GET', url: '/replay/first', headers: auth })).statusCode, 400)
  })
})

describe('POST /replay against the emulators', () => {
  let w: LinkWorld
  before(async () => { w = await startLinkWorld() })
  after(async () => { await w.close() })

  it('answers 202 with one run per job (all three by default), each followed by GET /replay/:id', async () => {
    const res = await w.app.inject({ method: 'POST', url: '/replay', headers: auth })
    assert.equal(res.statusCode, 202, res.body)
    const body = res.json() as { id: number, runs: Array<{ id: number, job: string }> }
    assert.deepEqual(body.runs.map((run) => run.job), ['import-assets', 'update-properties', 'update-mapped-properties'])
    assert.equal(body.id, body.runs[0]!.id)
    for (const { id, job } of body.runs) {
      const run = await waitForRun(w.app, id)
      assert.deepEqual([run.job, run.status, run.trigger], [job, 'done', 'api'])
      assert.equal(Date.parse(run.window.end) - Date.parse(run.window.start), 60 * 60_000)
    }
  })

  it('answers 409 naming the live run when the same job is already running for the credential', async () => {
    w.bynder.settings.latencyMs = 200
    try {
      const first = await w.app.inject({ method: 'POST', url: '/replay', headers: auth, payload: { jobs: ['import-assets'] } })
      assert.equal(first.statusCode, 202)
      const runId = (first.json() as { id: number }).id
      const second = await w.app.inject({ method: 'POST', url: '/replay', headers: auth, payload: { jobs: ['update-properties', 'import-assets'] } })
      assert.equal(second.statusCode, 409)
      assert.match(second.json().message, new RegExp(`import-assets is already running for credential "bynder": replay run ${runId} \\(api, started `))
      // Refused as a whole: the other job did not start either.
      assert.equal(await w.app.store.replays.running('update-properties', 'bynder', 0), null)
      assert.equal((await waitForRun(w.app, runId)).status, 'done')
      const third = await w.app.inject({ method: 'POST', url: '/replay', headers: auth, payload: { jobs: ['import-assets'] } })
      assert.equal(third.statusCode, 202, 'free again once the listing is over')
      await waitForRun(w.app, (third.json() as { id: number }).id)
    } finally {
      w.bynder.settings.latencyMs = 0
    }
  })
})
