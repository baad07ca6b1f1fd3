import assert from 'node:assert/strict'
import { test } from 'node:test'
import { startFakeAkeneo } from './akeneo/index.js'
import { raw, rawToken } from './akeneo/harness.js'
import { findProductByIdentifier } from './akeneo/state.js'

const v = (data: unknown, locale: string | null = null, scope: string | null = null): unknown[] => [{ locale, scope, data }]

test('PATCH merges per attribute and per (locale, scope); null erases; 201 creates; updated moves', async () => {
  const fake = await startFakeAkeneo()
  try {
    const token = await rawToken(fake)
    const path = `/api/rest/v1/products-uuid/${fake.uuids.sunglasses as string}`
    const before = fake.state.products.get(fake.uuids.sunglasses as string)?.updated ?? 0
    const patch = await raw(fake, token, 'PATCH', path, { json: { _links: {}, updated: 'x', values: { name: [{ locale: 'fr_FR', scope: null, data: 'Lunettes', _links: {} }], image_url: v('https://cdn/x.png') } } })
    assert.equal(patch.status, 204)
    let product = (await raw(fake, token, 'GET', path)).json()
    assert.deepEqual(product.values.name.map((x: { locale: string }) => x.locale).sort(), ['en_US', 'fr_FR'])
    assert.ok(fake.state.products.get(fake.uuids.sunglasses as string)!.updated >= before)
    assert.equal((await raw(fake, token, 'PATCH', path, { json: { values: { name: v(null, 'en_US'), brand: v(null) } } })).status, 204)
    product = (await raw(fake, token, 'GET', path)).json()
    assert.deepEqual(product.values.name.map((x: { locale: string }) => x.locale), ['fr_FR'])
    assert.equal(product.values.brand, undefined)
    const created = await raw(fake, token, 'PATCH', '/api/rest/v1/products-uuid/6f1ac1e8-0000-4000-8000-000000000001', { json: { family: 'accessories', values: { sku: v('new-sku') } } })
    assert.equal(created.status, 201)
    assert.equal((await raw(fake, token, 'GET', '/api/rest/v1/products/new-sku')).json().identifier, 'new-sku')
    assert.equal((await raw(fake, token, 'PATCH', path, { json: { values: {} }, contentType: 'text/plain' })).status, 415)
  } finally { await fake.close() }
})

test('422 validation in Akeneo\'s format: unknown attribute, attribute set, locale/scope, media code', async () => {
  const fake = await startFakeAkeneo()
  try {
    const token = await rawToken(fake)
    const patch = async (values: unknown, path = `/api/rest/v1/products-uuid/${fake.uuids.mug as string}`): Promise<{ message: string, attribute: string }> => {
      const answer = await raw(fake, token, 'PATCH', path, { json: { values } })
      assert.equal(answer.status, 422)
      const body = answer.json()
      assert.equal(body.code, 422)
      assert.equal(body.message, 'Validation failed.')
      return body.errors[0]
    }
    assert.match((await patch({ nope: v('x') })).message, /nope attribute does not exist/)
    assert.equal((await patch({ color: v(['red']) })).message, 'Cannot set the property "color" to this entity as it is not in the attribute set')
    assert.match((await patch({ name: v('x') })).message, /requires a locale/)
    assert.match((await patch({ brand: v('acme', 'en_US') })).message, /does not require a locale/)
    assert.match((await patch({ packshot_image: v('a/b/c/d/nothing.png') })).message, /does not exist/)
    assert.match((await patch({ brand: v('unknown-option') })).message, /option/)
    const model = await patch({ color: v(['red']) }, '/api/rest/v1/product-models/tshirt')
    assert.equal(model.attribute, 'color', 'a variant-level attribute is refused on the model')
    const child = await patch({ brand: v('acme') }, `/api/rest/v1/products-uuid/${fake.uuids['tshirt-red'] as string}`)
    assert.match(child.message, /not in the attribute set/, 'a model-level attribute is refused on the variant')
    const scoped = await patch({ description: v('x', 'en_US') }, '/api/rest/v1/product-models/tshirt')
    assert.match(scoped.message, /requires a scope/)
    const description = await raw(fake, token, 'PATCH', `/api/rest/v1/products-uuid/${fake.uuids['tshirt-red'] as string}`, { json: { values: { image_url: v('https://x') } } })
    assert.equal(description.status, 204)
  } finally { await fake.close() }
})

test('media upload: exactly one of product/product_model, scope and locale keys required, 201 + Location', async () => {
  const fake = await startFakeAkeneo()
  try {
    const token = await rawToken(fake)
    const upload = async (fields: Record<string, unknown>, withFile = true): Promise<Awaited<ReturnType<typeof raw>>> => {
      const form = new FormData()
      for (const [name, value] of Object.entries(fields)) form.append(name, JSON.stringify(value))
      if (withFile) form.append('file', new Blob([Buffer.from('img')]), 'photo.png')
      return await raw(fake, token, 'POST', '/api/rest/v1/media-files', { body: form })
    }
    const product = { identifier: 'mug', attribute: 'packshot_image', scope: null, locale: null }
    const model = { code: 'tshirt', attribute: 'packshot_image', scope: null, locale: null }
    assert.equal((await upload({ product, product_model: model })).status, 422)
    assert.equal((await upload({})).status, 422)
    assert.equal((await upload({ product }, false)).status, 422)
    assert.equal((await upload({ product: { identifier: 'mug', attribute: 'packshot_image' } })).status, 422)
    assert.equal((await upload({ product: { ...product, attribute: 'name' } })).status, 422)
    assert.equal(fake.state.mediaFiles.size, 0, 'refused files are not kept')
    const ok = await upload({ product_model: model })
    assert.equal(ok.status, 201)
    assert.equal(ok.text, '')
    const code = (ok.headers.get('location') ?? '').split('/api/rest/v1/media-files/')[1] ?? ''
    assert.match(code, /^(\w\/){4}\w+_photo\.png$/)
    assert.equal(fake.state.productModels.get('tshirt')?.values.packshot_image?.[0]?.data, code)
    const meta = (await raw(fake, token, 'GET', `/api/rest/v1/media-files/${code}`)).json()
    assert.equal(meta.original_filename, 'photo.png')
    assert.equal((await raw(fake, token, 'GET', `/api/rest/v1/media-files/${code}/download`)).text, 'img')
  } finally { await fake.close() }
})

test('media upload: a chunked multipart body (no Content-Length) is refused as PHP reads it — no fields — and nothing is linked', async () => {
  const fake = await startFakeAkeneo()
  try {
    const token = await rawToken(fake)
    const form = new FormData()
    form.append('product', JSON.stringify({ identifier: 'mug', attribute: 'packshot_image', scope: null, locale: null }))
    form.append('file', new Blob([Buffer.from('img')]), 'photo.png')
    const framed = new Response(form)
    const chunked = await fetch(`${fake.url}/api/rest/v1/media-files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': framed.headers.get('content-type') ?? '' },
      body: framed.body,
      duplex: 'half'
    } as RequestInit)
    assert.equal(chunked.status, 422)
    assert.equal(((await chunked.json()) as { message: string }).message, 'You should at least give one of the following properties: "product" or "product_model".')
    assert.equal(fake.requests.at(-1)?.headers['transfer-encoding'], 'chunked')
    assert.equal(fake.state.mediaFiles.size, 0)
    assert.equal(findProductByIdentifier(fake.state, 'mug')?.values.packshot_image, undefined)
  } finally { await fake.close() }
})

test('limits: > 4 in flight → 429 with Retry-After; injected 429/500 and latency', async () => {
  const fake = await startFakeAkeneo({ latencyMs: 60 })
  try {
    const token = await rawToken(fake)
    const answers = await Promise.all(Array.from({ length: 6 }, async () => await raw(fake, token, 'GET', '/api/rest/v1/attributes/name')))
    assert.equal(answers.filter(a => a.status === 200).length, 4)
    const limited = answers.filter(a => a.status === 429)
    assert.equal(limited.length, 2)
    assert.ok(limited.every(a => a.headers.get('retry-after') === '1'))
    assert.ok(fake.controls.peakConcurrency > 4, 'the counter saw the excess')
    fake.controls.latencyMs = 0
    fake.failNext({ status: 429, retryAfterSeconds: 7 })
    fake.failNext({ status: 500 })
    const throttled = await raw(fake, token, 'GET', '/api/rest/v1/attributes/name')
    assert.deepEqual([throttled.status, throttled.headers.get('retry-after')], [429, '7'])
    assert.equal((await raw(fake, token, 'GET', '/api/rest/v1/attributes/name')).status, 500)
    assert.equal((await raw(fake, token, 'GET', '/api/rest/v1/attributes/name')).status, 200)
    const logged = fake.requests.at(-1)
    assert.equal(logged?.auth, 'bearer')
    assert.equal(logged?.headers.authorization, undefined)
  } finally { await fake.close() }
})
