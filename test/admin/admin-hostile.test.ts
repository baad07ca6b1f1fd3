import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import { describe, it } from 'node:test'
import { buildTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../helpers/build-test-app.js'

/** The app with its log lines captured at debug level. */
async function withLoggedApp (run: (t: TestApp, lines: string[]) => Promise<void>): Promise<void> {
  const lines: string[] = []
  const stream = new Writable({ write (chunk: Buffer, _encoding, done) { lines.push(...chunk.toString().split('\n').filter(Boolean)); done() } })
  const t = await buildTestApp({ logger: { level: 'debug', stream } })
  try { await run(t, lines) } finally { await t.close() }
}

/** 60,000 unknown keys, about 720 KB: what an outside test sent without a token. */
const manyKeys = (): string => JSON.stringify(Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`k${String(i).padStart(6, '0')}`, 1])))
const longest = (lines: string[]): number => Math.max(0, ...lines.map((line) => line.length))

describe('admin routes authenticate before reading the body and answer in bounded size', () => {
  it('refuses an unauthenticated POST /replay with 401 before validating it: no schema, no keys echoed', () => withLoggedApp(async (t, lines) => {
    for (const payload of [manyKeys(), '{"jobs": "nope", "bogus": 1}', '{not json']) {
      const res = await t.app.inject({ method: 'POST', url: '/replay', headers: { 'content-type': 'application/json' }, payload })
      assert.equal(res.statusCode, 401, res.body.slice(0, 200))
      assert.ok(res.body.length < 300, `${res.body.length} bytes`)
      assert.doesNotMatch(res.body, /allowed|k000001|bogus/)
    }
    const retry = await t.app.inject({ method: 'POST', url: '/events/1/retry', headers: { 'content-type': 'application/json' }, payload: manyKeys() })
    assert.equal(retry.statusCode, 401)
    assert.ok(longest(lines) < 2048, `a log line of ${longest(lines)} characters`)
  }))

  it('authenticated: an oversized body is 413 unread, unknown keys are named a few at a time', () => withLoggedApp(async (t, lines) => {
    const headers = { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' }
    const big = await t.app.inject({ method: 'POST', url: '/replay', headers, payload: manyKeys() })
    assert.equal(big.statusCode, 413)
    assert.ok(big.body.length < 300)
    const some = JSON.stringify(Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`key-${i}-${'x'.repeat(100)}`, 1])))
    const unknown = await t.app.inject({ method: 'POST', url: '/replay', headers, payload: some })
    assert.equal(unknown.statusCode, 400)
    assert.ok(unknown.body.length < 500, `${unknown.body.length} bytes`)
    assert.match(unknown.json().message, /Unknown field\(s\) in the body: key-0-x+, key-1-x+, key-2-x+ and \d+ more/)
    assert.ok(longest(lines) < 2048, `a log line of ${longest(lines)} characters`)
  }))

  it('refuses a deeply nested JSON body with 400 before parsing it', () => withLoggedApp(async (t) => {
    const headers = { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' }
    const deep = `{"jobs":${'['.repeat(5000)}${']'.repeat(5000)}}`
    const res = await t.app.inject({ method: 'POST', url: '/replay', headers, payload: deep })
    assert.equal(res.statusCode, 400)
    assert.match(res.json().message, /nests too deep/)
  }))
})
