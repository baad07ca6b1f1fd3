import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { buildTestApp, type TestApp } from '../helpers/build-test-app.js'
import { startSnsFake, type SnsFake } from '../helpers/sns-signer.js'

let sns: SnsFake
before(async () => { sns = await startSnsFake() })
after(async () => { await sns.close() })

/** A path-scoped pattern, as an operator would write one for a single trusted folder. */
const SCOPED = '^http://127\\.0\\.0\\.1:\\d+/sns/[^?#]+\\.pem$'

async function withApp (run: (t: TestApp) => Promise<void>, env: Record<string, string> = { SNS_CERT_URL_PATTERN: SCOPED }): Promise<void> {
  const t = await buildTestApp({ env })
  try { await run(t) } finally { await t.close() }
}

const post = async (t: TestApp, certUrl: string) => await t.app.inject({
  method: 'POST',
  url: '/webhooks/bynder',
  headers: { 'content-type': 'text/plain; charset=UTF-8' },
  payload: JSON.stringify(sns.notification({ mediaId: 'MEDIA-1', certUrl }))
})

describe('SNS certificate URL checked on its normalised form', () => {
  it('accepts the scoped certificate and fetches exactly that path', () => withApp(async (t) => {
    const before = sns.requested.length
    const res = await post(t, `${sns.baseUrl}/sns/SimpleNotificationService-test.pem`)
    assert.equal(res.statusCode, 200, res.body)
    assert.deepEqual(sns.requested.slice(before), ['/sns/SimpleNotificationService-test.pem'])
  }))

  it('refuses dot segments, encoded dot segments, userinfo, queries and fragments without fetching', () => withApp(async (t) => {
    const port = new URL(sns.baseUrl).port
    const tricks = [
      `${sns.baseUrl}/sns/../evil/x.pem`,
      `${sns.baseUrl}/sns/%2e%2e/evil/x.pem`,
      `${sns.baseUrl}/sns/.%2E/evil/x.pem`,
      `${sns.baseUrl}/sns/a%2F..%2F..%2Fevil/x.pem`,
      `${sns.baseUrl}/sns/..%5Cevil/x.pem`,
      `http://user:pw@127.0.0.1:${port}/sns/SimpleNotificationService-test.pem`,
      `${sns.baseUrl}/sns/SimpleNotificationService-test.pem?x=.pem`,
      `${sns.baseUrl}/sns/SimpleNotificationService-test.pem#.pem`,
      `${sns.baseUrl}/evil/x.pem#/sns/a.pem`,
      `file:///sns/x.pem`
    ]
    const before = sns.requested.length
    for (const url of tricks) {
      const res = await post(t, url)
      assert.equal(res.statusCode, 401, `${url}: ${res.body}`)
    }
    assert.deepEqual(sns.requested.slice(before), [])
    assert.equal((await t.app.store.listEvents({ limit: 10 })).length, 0)
  }))
})

const fetchesOf = (path: string): number => sns.requested.filter((p) => p === path).length

describe('outbound certificate fetches under forged envelopes', () => {
  it('remembers a failed certificate URL: 20 envelopes naming one 404 URL cost one fetch', () => withApp(async (t) => {
    for (let i = 0; i < 20; i++) assert.equal((await post(t, `${sns.baseUrl}/missing-1.pem`)).statusCode, 401)
    assert.equal(fetchesOf('/missing-1.pem'), 1)
  }, {}))

  it('bounds fetches per minute: 50 envelopes naming 50 different 404 URLs cost at most 10', () => withApp(async (t) => {
    const before = sns.requested.length
    for (let i = 0; i < 50; i++) assert.equal((await post(t, `${sns.baseUrl}/flood-${i}.pem`)).statusCode, 401)
    assert.ok(sns.requested.length - before <= 10, `${sns.requested.length - before} fetches`)
    // The real certificate is cached from before the flood in a live service; here the budget is
    // spent, so even it waits (SNS redelivers): nothing is recorded meanwhile.
    assert.equal((await t.app.store.listEvents({ limit: 100 })).length, 0)
  }, {}))
})

describe('trustedCertificateUrl with the default pattern', async () => {
  const { trustedCertificateUrl } = await import('../../src/webhooks/cert-url.js')
  const { readEnv } = await import('../../src/config/env.js')
  const pattern = new RegExp(readEnv({ AKENEO_BASE_URL: 'http://x', AKENEO_CLIENT_ID: 'a', AKENEO_CLIENT_SECRET: 'b', AKENEO_USERNAME: 'c', AKENEO_PASSWORD: 'd', BYNDER_BASE_URL: 'http://y', BYNDER_PERMANENT_TOKEN: 'e' }).SNS_CERT_URL_PATTERN)
  it('accepts the regional host (default port dropped) and refuses explicit ports, userinfo and queries', () => {
    assert.equal(trustedCertificateUrl('https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-abc.pem', pattern)?.href, 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-abc.pem')
    assert.equal(trustedCertificateUrl('https://sns.eu-west-1.amazonaws.com:443/a.pem', pattern)?.href, 'https://sns.eu-west-1.amazonaws.com/a.pem')
    for (const url of [
      'https://sns.eu-west-1.amazonaws.com:8443/a.pem',
      'https://evil.example@sns.eu-west-1.amazonaws.com/a.pem',
      'https://sns.eu-west-1.amazonaws.com/a.pem?b.pem',
      'https://sns.eu-west-1.amazonaws.com.evil.example/a.pem',
      'http://sns.eu-west-1.amazonaws.com/a.pem'
    ]) assert.equal(trustedCertificateUrl(url, pattern), null, url)
  })
})
