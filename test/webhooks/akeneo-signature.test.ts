import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { hmacHex, signingKeys, verifyEventPlatform, verifyEventsApi } from '../../src/webhooks/akeneo-signature.js'

const body = Buffer.from('{"id":"1"}')
const keys = signingKeys(['current-secret', 'previous-secret'])

describe('Akeneo signatures with keys made once', () => {
  it('accepts either header signed with either secret, as the string-keyed HMAC of the sender', () => {
    assert.equal(verifyEventPlatform(body, { primary: hmacHex('current-secret', body) }, keys), true)
    assert.equal(verifyEventPlatform(body, { primary: hmacHex('other', body), secondary: hmacHex('previous-secret', body) }, keys), true)
    assert.equal(verifyEventPlatform(body, { primary: hmacHex('current-secret', body).toUpperCase() }, keys), true)
  })

  it('refuses a wrong secret, a malformed or missing signature, and any signature when no secret is configured', () => {
    assert.equal(verifyEventPlatform(body, { primary: hmacHex('other', body), secondary: hmacHex('another', body) }, keys), false)
    assert.equal(verifyEventPlatform(body, { primary: hmacHex('current-secret', body).slice(0, 63) }, keys), false)
    assert.equal(verifyEventPlatform(body, { primary: `${hmacHex('current-secret', body).slice(0, 62)}zz` }, keys), false)
    assert.equal(verifyEventPlatform(body, {}, keys), false)
    assert.equal(verifyEventPlatform(body, { primary: hmacHex('current-secret', body) }, signingKeys([])), false)
  })

  it('signs the Events API over "<timestamp>." and the body, and judges the clock only after the signature', () => {
    const now = 1_700_000_000_000
    const timestamp = String(now / 1000)
    const signature = hmacHex('previous-secret', `${timestamp}.${body.toString()}`)
    assert.equal(verifyEventsApi(body, signature, timestamp, keys, now), 'ok')
    assert.equal(verifyEventsApi(body, signature, timestamp, keys, now + 301_000), 'stale')
    assert.equal(verifyEventsApi(body, hmacHex('other', `${timestamp}.${body.toString()}`), timestamp, keys, now + 301_000), 'bad-signature')
    assert.equal(verifyEventsApi(body, signature, String(now / 1000 + 1), keys, now), 'bad-signature')
    assert.equal(verifyEventsApi(body, signature, undefined, keys, now), 'bad-signature')
  })
})
