import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildTestApp, TEST_EP_SECRETS, TEST_EVENTS_API_SECRETS, type TestApp } from '../helpers/build-test-app.js'
import { cloudEvent, eventPlatformHeaders, eventsApiEvent, eventsApiHeaders } from '../helpers/akeneo-signer.js'

async function withApp (env: Record<string, string>, run: (t: TestApp) => Promise<void>): Promise<void> {
  const t = await buildTestApp({ env })
  try { await run(t) } finally { await t.close() }
}
const send = (t: TestApp, body: string, headers: Record<string, string>, url = '/webhooks/akeneo') =>
  t.app.inject({ method: 'POST', url, headers, payload: body })
const allEvents = async (t: TestApp) => t.app.store.listEvents({ limit: 100 })

describe('POST /webhooks/akeneo — Event Platform', () => {
  it('turns a signed product event into a product task keyed by uuid', () => withApp({}, async (t) => {
    const event = cloudEvent({ type: 'com.akeneo.pim.v1.product.updated.delta', uuid: 'b3a3cd1c-0000-4000-8000-000000000001' })
    const body = JSON.stringify(event)
    const res = await send(t, body, eventPlatformHeaders(body, TEST_EP_SECRETS[0]))
    assert.equal(res.statusCode, 200, res.body)
    const [stored] = await allEvents(t)
    assert.equal(stored!.source, 'akeneo_event_platform')
    assert.equal(stored!.sourceEventId, event.id)
    assert.equal(stored!.task?.entityKey, 'product:b3a3cd1c-0000-4000-8000-000000000001')
    assert.deepEqual(stored!.task?.reasons, ['product.updated.delta'])
    assert.equal(stored!.task!.dueAt, stored!.receivedAt)
  }))

  it('accepts the secondary secret (rotation) and product-model deletions as tasks', () => withApp({}, async (t) => {
    const body = JSON.stringify(cloudEvent({ type: 'com.akeneo.pim.v1.product-model.deleted', code: 'tshirt' }))
    const headers = { ...eventPlatformHeaders(body, 'wrong-secret'), 'x-akeneo-signature-secondary': eventPlatformHeaders(body, TEST_EP_SECRETS[1])['x-akeneo-signature-primary']! }
    assert.equal((await send(t, body, headers)).statusCode, 200)
    const [stored] = await allEvents(t)
    assert.equal(stored!.task?.entityKey, 'product_model:tshirt')
    assert.deepEqual(stored!.task?.reasons, ['product_model.deleted'])
  }))

  it('refuses a wrong secret, a missing signature and a tampered body with 401, recording nothing', () => withApp({}, async (t) => {
    const body = JSON.stringify(cloudEvent())
    assert.equal((await send(t, body, eventPlatformHeaders(body, 'not-our-secret'))).statusCode, 401)
    assert.equal((await send(t, body, { 'content-type': 'application/json' })).statusCode, 401)
    const tampered = body.replace('julia', 'mallory')
    assert.equal((await send(t, tampered, eventPlatformHeaders(body, TEST_EP_SECRETS[0]))).statusCode, 401)
    assert.equal((await allEvents(t)).length, 0)
  }))

  it('records a redelivered event id once', () => withApp({}, async (t) => {
    const body = JSON.stringify(cloudEvent())
    assert.equal((await send(t, body, eventPlatformHeaders(body, TEST_EP_SECRETS[0]))).statusCode, 200)
    const again = await send(t, body, eventPlatformHeaders(body, TEST_EP_SECRETS[0]))
    assert.deepEqual(again.json(), { accepted: 0, ignored: 0, duplicate: 1 })
    assert.equal((await allEvents(t)).length, 1)
  }))

  it('records self-authored events as ignored, without a task', () => withApp({}, async (t) => {
    const body = JSON.stringify(cloudEvent({ author: 'connector_api_user' }))
    const res = await send(t, body, eventPlatformHeaders(body, TEST_EP_SECRETS[0]))
    assert.deepEqual(res.json(), { accepted: 0, ignored: 1, duplicate: 0 })
    const [stored] = await allEvents(t)
    assert.equal(stored!.ignoredReason, 'authored by this service (connector_api_user)')
    assert.equal(await t.app.store.countPending(), 0)
  }))

  it('answers malformed JSON 400, a wrong content type 415 and an oversized body 413', () => withApp({}, async (t) => {
    const broken = '{"specversion": "1.0", "id":'
    assert.equal((await send(t, broken, eventPlatformHeaders(broken, TEST_EP_SECRETS[0]))).statusCode, 400)
    const notCloudEvent = JSON.stringify({ hello: 'world' })
    assert.equal((await send(t, notCloudEvent, eventPlatformHeaders(notCloudEvent, TEST_EP_SECRETS[0]))).statusCode, 400)
    const body = JSON.stringify(cloudEvent())
    assert.equal((await send(t, body, { ...eventPlatformHeaders(body, TEST_EP_SECRETS[0]), 'content-type': 'text/plain' })).statusCode, 415)
    const huge = JSON.stringify({ ...cloudEvent(), pad: 'x'.repeat(1024 * 1024) })
    assert.equal((await send(t, huge, eventPlatformHeaders(huge, TEST_EP_SECRETS[0]))).statusCode, 413)
    assert.equal((await allEvents(t)).length, 0)
  }))

  it('answers 429 once the inbox is over INBOX_MAX_PENDING, and records nothing more', () => withApp({ INBOX_MAX_PENDING: '2' }, async (t) => {
    for (let i = 0; i < 2; i++) {
      const body = JSON.stringify(cloudEvent())
      assert.equal((await send(t, body, eventPlatformHeaders(body, TEST_EP_SECRETS[0]))).statusCode, 200)
    }
    const body = JSON.stringify(cloudEvent())
    const res = await send(t, body, eventPlatformHeaders(body, TEST_EP_SECRETS[0]))
    assert.equal(res.statusCode, 429)
    assert.equal(res.headers['retry-after'], '30')
    assert.equal((await allEvents(t)).length, 2)
  }))

  it('never answers 404 or a redirect: HEAD is 200, sub-paths are served, other methods 405', () => withApp({}, async (t) => {
    assert.equal((await t.app.inject({ method: 'HEAD', url: '/webhooks/akeneo' })).statusCode, 200)
    const body = JSON.stringify(cloudEvent())
    assert.equal((await send(t, body, eventPlatformHeaders(body, TEST_EP_SECRETS[0]), '/webhooks/akeneo/')).statusCode, 200)
    assert.equal((await send(t, body, eventPlatformHeaders(body, 'nope'), '/webhooks/akeneo/typo')).statusCode, 401)
    assert.equal((await t.app.inject({ method: 'GET', url: '/webhooks/akeneo' })).statusCode, 405)
    assert.equal((await t.app.inject({ method: 'GET', url: '/webhooks/akeneo/x/y' })).statusCode, 405)
    assert.equal((await allEvents(t)).length, 1)
  }))
})

describe('POST /webhooks/akeneo — Events API', () => {
  it('turns a signed batch into tasks, one per entity, and ignores what it does not handle', () => withApp({}, async (t) => {
    const batch = { events: [
      eventsApiEvent({ action: 'product.created', uuid: '11111111-0000-4000-8000-000000000001' }),
      eventsApiEvent({ action: 'product.updated', uuid: '11111111-0000-4000-8000-000000000001' }),
      eventsApiEvent({ action: 'product_model.removed', code: 'model-a' }),
      eventsApiEvent({ action: 'product.updated', author: 'connector-client' }),
      eventsApiEvent({ action: 'category.updated' })
    ] }
    const body = JSON.stringify(batch)
    const res = await send(t, body, eventsApiHeaders(body, TEST_EVENTS_API_SECRETS[1]))
    assert.equal(res.statusCode, 200, res.body)
    assert.deepEqual(res.json(), { accepted: 3, ignored: 2, duplicate: 0 })
    const events = await allEvents(t)
    const tasks = new Map(events.filter((e) => e.task !== null).map((e) => [e.task!.entityKey, e.task!]))
    assert.deepEqual([...tasks.keys()].sort(), ['product:11111111-0000-4000-8000-000000000001', 'product_model:model-a'])
    assert.deepEqual(tasks.get('product:11111111-0000-4000-8000-000000000001')!.reasons, ['product.created', 'product.updated'])
    assert.deepEqual(tasks.get('product_model:model-a')!.reasons, ['product_model.removed'])
  }))

  it('accepts the older of two rotating secrets', () => withApp({}, async (t) => {
    const body = JSON.stringify({ events: [eventsApiEvent()] })
    assert.equal((await send(t, body, eventsApiHeaders(body, TEST_EVENTS_API_SECRETS[0]))).statusCode, 200)
  }))

  it('refuses a stale timestamp, a wrong secret and a timestamp changed after signing with 401', () => withApp({}, async (t) => {
    const body = JSON.stringify({ events: [eventsApiEvent()] })
    const stale = await send(t, body, eventsApiHeaders(body, TEST_EVENTS_API_SECRETS[0], Math.floor(Date.now() / 1000) - 301))
    assert.equal(stale.statusCode, 401)
    assert.match(stale.json().message, /300 s/)
    assert.equal((await send(t, body, eventsApiHeaders(body, 'wrong'))).statusCode, 401)
    const moved = { ...eventsApiHeaders(body, TEST_EVENTS_API_SECRETS[0]), 'x-akeneo-request-timestamp': String(Math.floor(Date.now() / 1000) + 1) }
    assert.equal((await send(t, body, moved)).statusCode, 401)
    assert.equal((await allEvents(t)).length, 0)
  }))

  it('refuses Events API deliveries with 401 when no Events API secret is configured', () => withApp({ AKENEO_EVENTS_API_SECRET: '' }, async (t) => {
    const body = JSON.stringify({ events: [eventsApiEvent()] })
    assert.equal((await send(t, body, eventsApiHeaders(body, TEST_EVENTS_API_SECRETS[0]))).statusCode, 401)
    assert.equal((await allEvents(t)).length, 0)
  }))

  it('answers the connection screen\'s "Test" button — an empty body signed over "<timestamp>." — 200, recording nothing; a bad signature stays 401', () => withApp({}, async (t) => {
    const test = await send(t, '', eventsApiHeaders('', TEST_EVENTS_API_SECRETS[0]))
    assert.equal(test.statusCode, 200, test.body)
    assert.deepEqual(test.json(), { accepted: 0, ignored: 0, duplicate: 0 })
    assert.equal((await send(t, '', eventsApiHeaders('', 'wrong'))).statusCode, 401)
    assert.equal((await send(t, '', { ...eventsApiHeaders('', TEST_EVENTS_API_SECRETS[0]), 'x-akeneo-request-signature': '0'.repeat(64) })).statusCode, 401)
    assert.equal((await allEvents(t)).length, 0)
  }))
})

