import assert from 'node:assert/strict'
import { test } from 'node:test'
import { UpstreamError } from '../../src/clients/upstream-error.js'
import { startHarness } from '../fakes/akeneo/harness.js'

const apiStatuses = (requests: Array<{ path: string, status: number }>): number[] =>
  requests.filter(r => r.path.startsWith('/api/rest')).map(r => r.status)

test('a 429 waits for Retry-After (not the short backoff) and then succeeds', async () => {
  const { fake, client, close } = await startHarness()
  try {
    await client.getAttribute('name')
    fake.failNext({ status: 429, retryAfterSeconds: 1 })
    const started = Date.now()
    assert.ok(await client.getProduct(fake.uuids.mug as string))
    assert.ok(Date.now() - started >= 950, 'waited about one second')
    assert.deepEqual(apiStatuses(fake.requests), [200, 429, 200])
  } finally { await close() }
})

test('Retry-After is capped by maxRetryAfterMs', async () => {
  const { fake, client, close } = await startHarness({}, { retry: { limit: 2, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 30 } })
  try {
    fake.failNext({ status: 429, retryAfterSeconds: 120 })
    const started = Date.now()
    assert.ok(await client.getProduct(fake.uuids.mug as string))
    assert.ok(Date.now() - started < 1000)
  } finally { await close() }
})

test('500s are retried with backoff until success, and surface as retryable once the limit is spent', async () => {
  const { fake, client, close } = await startHarness()
  try {
    fake.failNext({ status: 500, count: 2 })
    assert.ok(await client.getProduct(fake.uuids.mug as string))
    assert.deepEqual(apiStatuses(fake.requests), [500, 500, 200])
    fake.failNext({ status: 503, count: 4, message: 'Maintenance' })
    const error = await client.getProduct(fake.uuids.mug as string).then(() => undefined, (e: unknown) => e)
    assert.ok(error instanceof UpstreamError)
    assert.equal(error.status, 503)
    assert.equal(error.retryable, true)
    assert.match(error.message, /Maintenance/)
    assert.equal(apiStatuses(fake.requests).length, 3 + 4, 'first attempt plus 3 retries')
  } finally { await close() }
})

test('never more than maxConcurrency (4) calls in flight, even with 20 parallel callers', async () => {
  const { fake, client, close } = await startHarness({ latencyMs: 40, maxConcurrent: 100 })
  try {
    await Promise.all(Array.from({ length: 20 }, async () => await client.getProduct(fake.uuids.mug as string)))
    assert.equal(fake.controls.peakConcurrency, 4)
    assert.equal(apiStatuses(fake.requests).filter(s => s === 200).length, 20)
  } finally { await close() }
})

test('no password, secret or token appears in the log output', async () => {
  const { fake, client, logs, close } = await startHarness({ tokenTtlSeconds: 1 })
  try {
    await client.getProduct(fake.uuids.mug as string)
    fake.revokeAccessTokens()
    await client.getProduct(fake.uuids.mug as string)
    fake.controls.refuseRefresh = true
    fake.revokeAccessTokens()
    await client.getProduct(fake.uuids.mug as string)
    fake.failNext({ status: 500 })
    await client.getProduct(fake.uuids.mug as string)
    await client.patchProduct(fake.uuids.mug as string, { values: { nope: [] } }).catch(() => undefined)
    const output = logs.join('')
    assert.match(output, /akeneo token obtained/)
    assert.match(output, /retrying/)
    assert.ok(fake.controls.issuedTokens.length >= 6)
    const basic = Buffer.from(`${fake.client.clientId}:${fake.client.secret}`).toString('base64')
    for (const secret of [fake.client.password, fake.client.secret, basic, ...fake.controls.issuedTokens]) {
      assert.equal(output.includes(secret), false, 'a secret leaked into the logs')
    }
    assert.doesNotMatch(output, /authorization|bearer/i)
  } finally { await close() }
})
