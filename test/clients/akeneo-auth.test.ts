import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import { test } from 'node:test'
import { UpstreamError } from '../../src/clients/upstream-error.js'
import { grants, startHarness } from '../fakes/akeneo/harness.js'

test('renews the token with the refresh grant once it expires', async () => {
  const { fake, client, close } = await startHarness({ tokenTtlSeconds: 1 })
  try {
    assert.ok(await client.getProduct(fake.uuids.mug as string))
    await sleep(1100)
    assert.ok(await client.getProduct(fake.uuids.mug as string))
    assert.deepEqual(grants(fake), ['password:200', 'refresh_token:200'])
    assert.ok(fake.requests.every(r => r.status !== 401), 'the client renewed before the token died')
  } finally { await close() }
})

test('on a 401 it refreshes once and repeats the call', async () => {
  const { fake, client, close } = await startHarness()
  try {
    await client.getProduct(fake.uuids.mug as string)
    fake.revokeAccessTokens()
    assert.equal((await client.getProduct(fake.uuids.mug as string))?.uuid, fake.uuids.mug)
    assert.deepEqual(grants(fake), ['password:200', 'refresh_token:200'])
    assert.deepEqual(fake.requests.filter(r => r.path.startsWith('/api/rest')).map(r => r.status), [200, 401, 200])
  } finally { await close() }
})

test('logs in again with the password grant when the refresh is refused', async () => {
  const { fake, client, close } = await startHarness()
  try {
    await client.getProduct(fake.uuids.mug as string)
    fake.controls.refuseRefresh = true
    fake.revokeAccessTokens()
    assert.ok(await client.getProduct(fake.uuids.mug as string))
    assert.deepEqual(grants(fake), ['password:200', 'refresh_token:422', 'password:200'])
  } finally { await close() }
})

test('concurrent first calls share one token request', async () => {
  const { fake, client, close } = await startHarness({ latencyMs: 20 })
  try {
    await Promise.all(Array.from({ length: 8 }, async () => await client.getProduct(fake.uuids.mug as string)))
    assert.deepEqual(grants(fake), ['password:200'])
  } finally { await close() }
})

test('bad credentials fail with a typed, non-retryable error that carries Akeneo\'s message', async () => {
  const { fake, client, close } = await startHarness({}, { password: 'wrong-password-123' })
  try {
    const error = await client.getProduct(fake.uuids.mug as string).then(() => undefined, (e: unknown) => e)
    assert.ok(error instanceof UpstreamError)
    assert.equal(error.status, 422)
    assert.equal(error.retryable, false)
    assert.match(error.message, /No user found for the given username and password/)
    assert.doesNotMatch(error.message, /wrong-password-123/)
  } finally { await close() }
})
