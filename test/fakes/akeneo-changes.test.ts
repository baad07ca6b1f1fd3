import assert from 'node:assert/strict'
import { test } from 'node:test'
import { DEFAULT_CLIENT, startFakeAkeneo, type EntityChangedEvent, type FakeAkeneo } from './akeneo/index.js'
import { raw, rawToken } from './akeneo/harness.js'

const v = (data: unknown, locale: string | null = null, scope: string | null = null): unknown[] => [{ locale, scope, data }]

async function withFake (fn: (fake: FakeAkeneo, token: string, seen: EntityChangedEvent[]) => Promise<void>): Promise<void> {
  const fake = await startFakeAkeneo()
  const seen: EntityChangedEvent[] = []
  fake.onEntityChanged((event) => { seen.push(event) })
  try { await fn(fake, await rawToken(fake), seen) } finally { await fake.close() }
}

const summary = (events: EntityChangedEvent[]): string[] => events.map((e) => `${e.type}:${e.action}:${e.identifier ?? e.code ?? ''}:${e.author}`)

test('a PATCH that changes a value emits one change event authored by the token\'s user; the same PATCH again emits nothing and keeps updated', () => withFake(async (fake, token, seen) => {
  const uuid = fake.uuids.mug as string
  const path = `/api/rest/v1/products-uuid/${uuid}`
  const before = fake.state.products.get(uuid)!.updated
  assert.equal((await raw(fake, token, 'PATCH', path, { json: { values: { brand: v('acme') } } })).status, 204)
  assert.equal(seen.length, 1)
  assert.deepEqual({ ...seen[0], at: 0 }, { type: 'product', action: 'updated', uuid, identifier: 'mug', author: DEFAULT_CLIENT.username, at: 0 })
  const updated = fake.state.products.get(uuid)!.updated
  assert.notEqual(updated, before)
  assert.equal(seen[0]!.at, updated)

  assert.equal((await raw(fake, token, 'PATCH', path, { json: { values: { brand: v('acme') } } })).status, 204, 'still a 204')
  assert.equal((await raw(fake, token, 'PATCH', `/api/rest/v1/products/mug`, { json: { values: { name: v('Mug', 'en_US') } } })).status, 204)
  assert.equal((await raw(fake, token, 'PATCH', path, { json: { enabled: true, family: 'accessories', values: {} } })).status, 204)
  assert.equal(seen.length, 1, 'nothing changed: no event')
  assert.equal(fake.state.products.get(uuid)!.updated, updated, 'nothing changed: updated stays')
  assert.deepEqual(fake.changes, seen)
}))

test('multi-select options compare as a set; erasing and creating are changes', () => withFake(async (fake, token, seen) => {
  const path = `/api/rest/v1/products-uuid/${fake.uuids['tshirt-red'] as string}`
  await raw(fake, token, 'PATCH', path, { json: { values: { color: v(['red', 'blue']) } } })
  await raw(fake, token, 'PATCH', path, { json: { values: { color: v(['blue', 'red']) } } })
  assert.equal(seen.length, 1, 'reordered options are the same value')
  await raw(fake, token, 'PATCH', path, { json: { values: { image_url: v(null) } } })
  assert.equal(seen.length, 1, 'erasing a value that is not there changes nothing')
  await raw(fake, token, 'PATCH', path, { json: { values: { color: v(null) } } })
  assert.equal(seen.length, 2)
  const created = await raw(fake, token, 'PATCH', '/api/rest/v1/products/brand-new', { json: { family: 'accessories' } })
  assert.equal(created.status, 201)
  assert.deepEqual(summary(seen), [`product:updated:tshirt-red:${DEFAULT_CLIENT.username}`, `product:updated:tshirt-red:${DEFAULT_CLIENT.username}`, `product:created:brand-new:${DEFAULT_CLIENT.username}`])
}))

test('bulk PATCH: one event per line that changed something; failed and unchanged lines emit none', () => withFake(async (fake, token, seen) => {
  const lines = [
    { identifier: 'mug', values: { brand: v('globex') } },
    { identifier: 'sunglasses', values: { brand: v('globex') } },
    { identifier: 'mug', values: { nope: v('x') } }
  ].map((line) => JSON.stringify(line)).join('\n')
  const answer = await raw(fake, token, 'PATCH', '/api/rest/v1/products', { body: lines, contentType: 'application/vnd.akeneo.collection+json' })
  assert.deepEqual(answer.text.split('\n').map((line) => JSON.parse(line).status_code), [204, 204, 422])
  assert.deepEqual(summary(seen), [`product:updated:mug:${DEFAULT_CLIENT.username}`], 'sunglasses already had globex')

  const models = [{ code: 'tshirt', values: { brand: v('globex') } }, { code: 'tshirt', values: { brand: v('globex') } }].map((line) => JSON.stringify(line)).join('\n')
  await raw(fake, token, 'PATCH', '/api/rest/v1/product-models', { body: models, contentType: 'application/vnd.akeneo.collection+json' })
  assert.deepEqual(summary(seen.slice(1)), [`product_model:updated:tshirt:${DEFAULT_CLIENT.username}`], 'the second line changes nothing more')
}))

test('product model PATCH and media uploads linked to a product or a model emit the entity they changed', () => withFake(async (fake, token, seen) => {
  assert.equal((await raw(fake, token, 'PATCH', '/api/rest/v1/product-models/tshirt', { json: { values: { brand: v('acme') } } })).status, 204)
  assert.equal(seen.length, 0, 'the model already had acme')
  await raw(fake, token, 'PATCH', '/api/rest/v1/product-models/tshirt', { json: { values: { name: v('Tee', 'en_US') } } })
  const upload = async (field: string, target: Record<string, unknown>): Promise<number> => {
    const form = new FormData()
    form.append(field, JSON.stringify({ ...target, attribute: 'packshot_image', scope: null, locale: null }))
    form.append('file', new Blob([Buffer.from('img')]), 'photo.png')
    return (await raw(fake, token, 'POST', '/api/rest/v1/media-files', { body: form })).status
  }
  assert.equal(await upload('product', { identifier: 'mug' }), 201)
  assert.equal(await upload('product_model', { code: 'tshirt' }), 201)
  assert.equal(await upload('product', { identifier: 'no-such-product' }), 422)
  assert.deepEqual(summary(seen), [`product_model:updated:tshirt:${DEFAULT_CLIENT.username}`, `product:updated:mug:${DEFAULT_CLIENT.username}`, `product_model:updated:tshirt:${DEFAULT_CLIENT.username}`])
  assert.equal(seen[1]!.uuid, fake.uuids.mug)
  assert.equal(seen[0]!.uuid, undefined)
}))

test('the author is the username of the connection that wrote; a listener can unsubscribe', async () => {
  const other = { clientId: 'other-client', secret: 'other-secret', username: 'erp_import', password: 'other-password' }
  const fake = await startFakeAkeneo({ clients: [DEFAULT_CLIENT, other] })
  try {
    const seen: string[] = []
    const stop = fake.onEntityChanged((event) => { seen.push(event.author) })
    const response = await fetch(`${fake.url}/api/oauth/v1/token`, {
      method: 'POST',
      headers: { authorization: 'Basic ' + Buffer.from(`${other.clientId}:${other.secret}`).toString('base64'), 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'password', username: other.username, password: other.password })
    })
    const otherToken = ((await response.json()) as { access_token: string }).access_token
    const path = `/api/rest/v1/products/mug`
    await raw(fake, otherToken, 'PATCH', path, { json: { values: { brand: v('acme') } } })
    await raw(fake, await rawToken(fake), 'PATCH', path, { json: { values: { brand: v('globex') } } })
    assert.deepEqual(seen, ['erp_import', DEFAULT_CLIENT.username])
    stop()
    await raw(fake, otherToken, 'PATCH', path, { json: { values: { brand: v('acme') } } })
    assert.equal(seen.length, 2)
    assert.equal(fake.changes.length, 3, 'the log keeps every change')
    fake.resetCounters()
    assert.equal(fake.changes.length, 0)
  } finally { await fake.close() }
})
