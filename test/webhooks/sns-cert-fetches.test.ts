import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildTestApp, type TestApp } from '../helpers/build-test-app.js'
import { startSnsFake, type SnsFake } from '../helpers/sns-signer.js'

let sns: SnsFake
before(async () => { sns = await startSnsFake() })
after(async () => { await sns.close() })

async function withApp (run: (t: TestApp) => Promise<void>): Promise<void> {
  const t = await buildTestApp()
  try { await run(t) } finally { await t.close() }
}

const post = async (t: TestApp, certUrl: string) => await t.app.inject({
  method: 'POST',
  url: '/webhooks/bynder',
  headers: { 'content-type': 'text/plain; charset=UTF-8' },
  payload: JSON.stringify(sns.notification({ mediaId: 'MEDIA-1', certUrl }))
})
const fetchesOf = (path: string): number => sns.requested.filter((p) => p === path).length

describe('outbound certificate fetches under forged envelopes', () => {
  it('remembers a failed certificate URL: 20 envelopes naming one 404 URL cost one fetch', () => withApp(async (t) => {
    for (let i = 0; i < 20; i++) assert.equal((await post(t, `${sns.baseUrl}/missing-1.pem`)).statusCode, 401)
    assert.equal(fetchesOf('/missing-1.pem'), 1)
  }))

  it('bounds fetches per minute: 50 envelopes naming 50 different 404 URLs cost at most 10', () => withApp(async (t) => {
    const before = sns.requested.length
    for (let i = 0; i < 50; i++) assert.equal((await post(t, `${sns.baseUrl}/flood-${i}.pem`)).statusCode, 401)
    assert.ok(sns.requested.length - before <= 10, `${sns.requested.length - before} fetches`)
    // The real certificate is cached from before the flood in a live service; here the budget is
    // spent, so even it waits (SNS redelivers): nothing is recorded meanwhile.
    assert.equal((await t.app.store.listEvents({ limit: 100 })).length, 0)
  }))
})
