import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { cloudEvent, eventPlatformHeaders, eventsApiEvent, eventsApiHeaders } from '../helpers/akeneo-signer.js'
import { buildTestApp, TEST_ADMIN_TOKEN, TEST_EP_SECRETS, TEST_EVENTS_API_SECRETS, type TestApp } from '../helpers/build-test-app.js'

let t: TestApp
const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` }
before(async () => {
  t = await buildTestApp()
  for (let i = 0; i < 3; i++) {
    const body = JSON.stringify(cloudEvent({ type: 'com.akeneo.pim.v1.product-model.updated', code: `model-${i}` }))
    await t.app.inject({ method: 'POST', url: '/webhooks/akeneo', headers: eventPlatformHeaders(body, TEST_EP_SECRETS[0]), payload: body })
  }
  const batch = JSON.stringify({ events: [eventsApiEvent(), eventsApiEvent({ author: 'connector_api_user' })] })
  await t.app.inject({ method: 'POST', url: '/webhooks/akeneo', headers: eventsApiHeaders(batch, TEST_EVENTS_API_SECRETS[0]), payload: batch })
})
after(async () => { await t.close() })

describe('admin events API', () => {
  it('refuses a missing or wrong token with 401 and WWW-Authenticate: Bearer', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong-token-wrong-token' }, { authorization: TEST_ADMIN_TOKEN }]) {
      const res = await t.app.inject({ method: 'GET', url: '/events', headers })
      assert.equal(res.statusCode, 401)
      assert.match(String(res.headers['www-authenticate']), /^Bearer/)
    }
  })

  it('lists events newest first, filtered by source, kind and status, in pages', async () => {
    const all = (await t.app.inject({ method: 'GET', url: '/events', headers: auth })).json()
    assert.equal(all.items.length, 5)
    assert.deepEqual(all.items.map((e: { id: number }) => e.id), [5, 4, 3, 2, 1])
    const models = (await t.app.inject({ method: 'GET', url: '/events?kind=product_model&source=akeneo_event_platform&status=pending', headers: auth })).json()
    assert.equal(models.items.length, 3)
    const ignored = (await t.app.inject({ method: 'GET', url: '/events?status=ignored', headers: auth })).json()
    assert.deepEqual(ignored.items.map((e: { ignoredReason: string }) => e.ignoredReason), ['authored by this service (connector_api_user)'])
    const page1 = (await t.app.inject({ method: 'GET', url: '/events?limit=2', headers: auth })).json()
    assert.equal(page1.next, 4)
    const page3 = (await t.app.inject({ method: 'GET', url: '/events?limit=2&before=2', headers: auth })).json()
    assert.deepEqual(page3.items.map((e: { id: number }) => e.id), [1])
    assert.equal(page3.next, undefined)
    assert.equal((await t.app.inject({ method: 'GET', url: '/events?status=bogus', headers: auth })).statusCode, 400)
  })

  it('shows one event with its task, and 404 for an unknown id (also on retry)', async () => {
    const one = await t.app.inject({ method: 'GET', url: '/events/1', headers: auth })
    assert.equal(one.statusCode, 200)
    assert.equal(one.json().task.entityKey, 'product_model:model-0')
    assert.equal((await t.app.inject({ method: 'GET', url: '/events/999', headers: auth })).statusCode, 404)
    assert.equal((await t.app.inject({ method: 'POST', url: '/events/999/retry', headers: auth })).statusCode, 404)
  })

  it('reports readiness with the store reachable', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/ready' })
    assert.equal(res.statusCode, 200)
    assert.deepEqual(res.json(), { status: 'ready', store: 'ok', mapping: 'loaded' })
  })
})

describe('admin API without ADMIN_TOKEN', () => {
  it('answers 403 saying it is disabled, whatever token is sent', async () => {
    const bare = await buildTestApp({ env: { ADMIN_TOKEN: '' } })
    try {
      const res = await bare.app.inject({ method: 'GET', url: '/events', headers: auth })
      assert.equal(res.statusCode, 403)
      assert.match(res.json().message, /disabled/)
    } finally {
      await bare.close()
    }
  })
})
