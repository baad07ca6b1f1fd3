import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildTestApp, type TestApp } from '../helpers/build-test-app.js'
import { startSnsFake, type SnsFake } from '../helpers/sns-signer.js'

let sns: SnsFake
let t: TestApp
before(async () => { sns = await startSnsFake(); t = await buildTestApp() })
after(async () => { await t.close(); await sns.close() })

const post = (body: unknown) => t.app.inject({
  method: 'POST', url: '/webhooks/bynder', headers: { 'content-type': 'text/plain; charset=UTF-8' }, payload: JSON.stringify(body)
})

describe('SNS subscription confirmation', () => {
  it('GETs the SubscribeURL exactly once, however often the confirmation is delivered', async () => {
    const confirmation = sns.confirmation()
    const first = await post(confirmation)
    assert.equal(first.statusCode, 200, first.body)
    assert.equal((await post(confirmation)).statusCode, 200)
    assert.equal(sns.subscribeCalls.length, 1)
    assert.match(sns.subscribeCalls[0]!, /Action=ConfirmSubscription&Token=token-2336412f37/)
    const event = await t.app.store.findEvent('bynder', confirmation.MessageId)
    assert.equal(event?.ignoredReason, 'subscription confirmed')
    assert.equal(event?.deliveries, 2)
  })

  it('does not call a SubscribeURL on another host than the signing certificate (401)', async () => {
    const before = sns.subscribeCalls.length
    const res = await post(sns.confirmation({ subscribeUrl: 'http://127.0.0.2:9/confirm?Token=x' }))
    assert.equal(res.statusCode, 401)
    assert.equal(sns.subscribeCalls.length, before)
  })

  it('does not confirm an unsigned confirmation (401)', async () => {
    const before = sns.subscribeCalls.length
    const forged = { ...sns.confirmation(), Token: 'another-token' }
    assert.equal((await post(forged)).statusCode, 401)
    assert.equal(sns.subscribeCalls.length, before)
    assert.equal(await t.app.store.findEvent('bynder', forged.MessageId), null)
  })

  it('fetches the signing certificate once and caches it', async () => {
    await post(sns.notification({ mediaId: 'A' }))
    await post(sns.notification({ mediaId: 'B' }))
    assert.equal(sns.certFetches, 1)
  })
})
