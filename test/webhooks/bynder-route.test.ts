import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildTestApp, type TestApp } from '../helpers/build-test-app.js'
import { startSnsFake, TEST_TOPIC_ARN, type SnsFake } from '../helpers/sns-signer.js'

const MEDIA = '9542A933-2DF5-4999-9AB52701F33613C0'
let sns: SnsFake
before(async () => { sns = await startSnsFake() })
after(async () => { await sns.close() })

async function withApp (env: Record<string, string>, run: (t: TestApp) => Promise<void>): Promise<void> {
  const t = await buildTestApp({ env })
  try { await run(t) } finally { await t.close() }
}

function post (t: TestApp, body: unknown, options: { url?: string, contentType?: string } = {}) {
  return t.app.inject({
    method: 'POST',
    url: options.url ?? '/webhooks/bynder',
    headers: { 'content-type': options.contentType ?? 'text/plain; charset=UTF-8' },
    payload: typeof body === 'string' ? body : JSON.stringify(body)
  })
}

const allEvents = async (t: TestApp) => t.app.store.listEvents({ limit: 100 })

describe('POST /webhooks/bynder', () => {
  it('records a signed notification (v1 and v2) as an asset task due BYNDER_FETCH_DELAY_MS later', () => withApp({}, async (t) => {
    const v2 = sns.notification({ mediaId: MEDIA, subject: 'asset_bank.media.meta_updated' })
    const res = await post(t, v2)
    assert.equal(res.statusCode, 200, res.body)
    assert.deepEqual(res.json(), { accepted: 1, ignored: 0, duplicate: 0 })
    const v1 = sns.notification({ mediaId: 'OTHER-MEDIA', subject: 'asset_bank.media.create', version: '1' })
    assert.equal((await post(t, v1, { contentType: 'application/json' })).statusCode, 200)

    const events = await allEvents(t)
    assert.equal(events.length, 2)
    const event = events.find((e) => e.sourceEventId === v2.MessageId)!
    assert.equal(event.status, 'accepted')
    assert.equal(event.type, 'asset_bank.media.meta_updated')
    assert.equal(event.task?.entityKey, `asset:bynder:${MEDIA}`)
    assert.equal(event.task?.credentialCode, 'bynder')
    assert.deepEqual(event.task?.reasons, ['asset_bank.media.meta_updated'])
    assert.equal(event.task!.dueAt - event.receivedAt, 5000)
  }))

  it('routes /webhooks/bynder/:credentialCode to that credential and refuses an unknown code with 401', () => withApp({}, async (t) => {
    const res = await post(t, sns.notification({ mediaId: MEDIA }), { url: '/webhooks/bynder/bynder' })
    assert.equal(res.statusCode, 200)
    const unknown = await post(t, sns.notification({ mediaId: MEDIA }), { url: '/webhooks/bynder/nope' })
    assert.equal(unknown.statusCode, 401)
    assert.equal((await allEvents(t)).length, 1)
  }))

  it('refuses a forged signature with 401 and records nothing', () => withApp({}, async (t) => {
    const message = sns.notification({ mediaId: MEDIA })
    const forged = { ...message, Message: JSON.stringify({ media_id: 'SOMEONE-ELSES' }) }
    const res = await post(t, forged)
    assert.equal(res.statusCode, 401)
    assert.match(res.json().message, /signature does not match/)
    assert.equal((await allEvents(t)).length, 0)
  }))

  it('never fetches a certificate URL outside SNS_CERT_URL_PATTERN (401, nothing recorded)', () => withApp({}, async (t) => {
    const fetchesBefore = sns.certFetches
    const elsewhere = sns.certUrl.replace('127.0.0.1', 'localhost')
    const res = await post(t, sns.notification({ mediaId: MEDIA, certUrl: elsewhere }))
    assert.equal(res.statusCode, 401)
    assert.match(res.json().message, /not a trusted SNS certificate URL/)
    assert.equal(sns.certFetches, fetchesBefore)
    assert.equal((await allEvents(t)).length, 0)
  }))

  it('refuses a topic outside BYNDER_SNS_TOPIC_ARNS with 401', () => withApp({ BYNDER_SNS_TOPIC_ARNS: 'arn:aws:sns:eu-west-1:1:other' }, async (t) => {
    const res = await post(t, sns.notification({ mediaId: MEDIA, topicArn: TEST_TOPIC_ARN }))
    assert.equal(res.statusCode, 401)
    assert.match(res.json().message, /allow-list/)
    assert.equal((await allEvents(t)).length, 0)
    const allowed = await post(t, sns.notification({ mediaId: MEDIA, topicArn: 'arn:aws:sns:eu-west-1:1:other' }))
    assert.equal(allowed.statusCode, 200)
  }))

  it('answers malformed JSON 400, a wrong content type 415 and an oversized body 413, recording nothing', () => withApp({}, async (t) => {
    assert.equal((await post(t, '{"Type": "Notification",')).statusCode, 400)
    assert.equal((await post(t, { Type: 'Notification', MessageId: 'x' })).statusCode, 400)
    assert.equal((await post(t, sns.notification({ mediaId: MEDIA }), { contentType: 'application/xml' })).statusCode, 415)
    const huge = sns.notification({ mediaId: MEDIA, message: JSON.stringify({ media_id: MEDIA, pad: 'x'.repeat(1024 * 1024) }) })
    assert.equal((await post(t, huge)).statusCode, 413)
    assert.equal((await allEvents(t)).length, 0)
  }))

  it('records a redelivery (same MessageId) once, as another delivery of the same event', () => withApp({}, async (t) => {
    const message = sns.notification({ mediaId: MEDIA })
    assert.equal((await post(t, message)).statusCode, 200)
    const again = await post(t, message)
    assert.equal(again.statusCode, 200)
    assert.deepEqual(again.json(), { accepted: 0, ignored: 0, duplicate: 1 })
    const events = await allEvents(t)
    assert.equal(events.length, 1)
    assert.equal(events[0]!.deliveries, 2)
    assert.equal(await t.app.store.countPending(), 1)
  }))

  it('accepts an unknown subject and records it as ignored, without a task', () => withApp({}, async (t) => {
    const res = await post(t, sns.notification({ mediaId: MEDIA, subject: 'asset_bank.collection.created' }))
    assert.deepEqual(res.json(), { accepted: 0, ignored: 1, duplicate: 0 })
    const [event] = await allEvents(t)
    assert.equal(event!.status, 'ignored')
    assert.equal(event!.ignoredReason, 'subject not handled')
    assert.equal(event!.task, null)
  }))

  it('coalesces a burst for one asset into one pending task with the reasons merged', () => withApp({}, async (t) => {
    for (const subject of ['asset_bank.media.meta_updated', 'asset_bank.media.archived', 'asset_bank.media.meta_updated']) {
      assert.equal((await post(t, sns.notification({ mediaId: MEDIA, subject }))).statusCode, 200)
    }
    const events = await allEvents(t)
    assert.equal(events.length, 3)
    assert.equal(new Set(events.map((e) => e.taskId)).size, 1)
    assert.deepEqual(events[0]!.task!.reasons, ['asset_bank.media.meta_updated', 'asset_bank.media.archived'])
    assert.equal(await t.app.store.countPending(), 1)
  }))
})
