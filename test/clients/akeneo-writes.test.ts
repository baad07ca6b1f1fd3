import assert from 'node:assert/strict'
import { Readable } from 'node:stream'
import { test } from 'node:test'
import { UpstreamError } from '../../src/clients/upstream-error.js'
import { startHarness } from '../fakes/akeneo/harness.js'

test('patchProduct merges values and strips read-only keys read from Akeneo', async () => {
  const { fake, client, close } = await startHarness()
  try {
    const uuid = fake.uuids.sunglasses as string
    const product = await client.getProduct(uuid)
    assert.ok(product)
    const name = [{ locale: 'fr_FR', scope: null, data: 'Lunettes', _links: { self: 'x' } }]
    assert.equal(await client.patchProduct(uuid, { ...product, values: { name } }), 'updated')
    const after = await client.getProduct(uuid)
    assert.deepEqual(after?.values.name?.map(v => [v.locale, v.data]).sort(), [['en_US', 'Sunglasses'], ['fr_FR', 'Lunettes']])
    const patch = fake.requests.find(r => r.method === 'PATCH')?.body as Record<string, unknown>
    assert.equal('_links' in patch, false)
    assert.equal('updated' in patch, false)
  } finally { await close() }
})

test('a 422 becomes an UpstreamError with Akeneo\'s message and errors, not retried', async () => {
  const { fake, client, close } = await startHarness()
  try {
    const error = await client.patchProduct(fake.uuids.mug as string, { values: { color: [{ locale: null, scope: null, data: ['red'] }] } })
      .then(() => undefined, (e: unknown) => e)
    assert.ok(error instanceof UpstreamError)
    assert.equal(error.status, 422)
    assert.equal(error.retryable, false)
    assert.match(error.message, /Validation failed\./)
    assert.equal(error.details[0]?.attribute, 'color')
    assert.match(error.details[0]?.message ?? '', /Cannot set the property "color" to this entity as it is not in the attribute set/)
    assert.equal(fake.requests.filter(r => r.method === 'PATCH').length, 1)
  } finally { await close() }
})

test('bulk patch is chunked to 100 lines and surfaces each line\'s failure', async () => {
  const { fake, client, close } = await startHarness()
  try {
    const lines = Array.from({ length: 150 }, (_, i) => ({ uuid: fake.uuids.sunglasses as string, values: { name: [{ locale: 'en_US', scope: null, data: `v${i}` }] } }))
    lines[119] = { uuid: fake.uuids.mug as string, values: { color: [{ locale: null, scope: null, data: ['red'] }] } } as never
    const results = await client.patchProducts(lines)
    assert.equal(results.length, 150)
    assert.deepEqual(results.map(r => r.line), Array.from({ length: 150 }, (_, i) => i + 1))
    const failed = results.filter(r => r.status_code >= 400)
    assert.equal(failed.length, 1)
    assert.equal(failed[0]?.line, 120)
    assert.equal(failed[0]?.status_code, 422)
    assert.match(failed[0]?.errors?.[0]?.message ?? '', /not in the attribute set/)
    const bulk = fake.requests.filter(r => r.method === 'PATCH' && r.path === '/api/rest/v1/products-uuid')
    assert.deepEqual(bulk.map(r => (r.body as { lines: number }).lines).sort(), [100, 50])
    assert.ok(bulk.every(r => r.headers['content-type'] === 'application/vnd.akeneo.collection+json'))
  } finally { await close() }
})

test('media upload round trip: streamed multipart with its exact Content-Length, code from Location, value set, bytes back', async () => {
  const { fake, client, close } = await startHarness()
  try {
    const chunks = [Buffer.from('\x89PNG\r\n'), Buffer.alloc(64 * 1024, 7), Buffer.from('end')]
    const code = await client.uploadMediaFile({
      file: () => Readable.from(chunks), size: Buffer.concat(chunks).length, filename: 'pack shot.png', contentType: 'image/png',
      target: { product: 'sunglasses' }, attribute: 'packshot_image'
    })
    assert.match(code, /^[0-9a-f]\/[0-9a-f]\/[0-9a-f]\/[0-9a-f]\/[0-9a-f]{40}_pack_shot\.png$/)
    const upload = fake.requests.find(r => r.path === '/api/rest/v1/media-files')
    assert.equal(upload?.headers['transfer-encoding'], undefined, 'not chunked: PHP would not read the fields')
    assert.ok(Number(upload?.headers['content-length']) > 64 * 1024)
    assert.deepEqual((await client.getProductByIdentifier('sunglasses'))?.values.packshot_image?.[0]?.data, code)
    assert.deepEqual(await client.downloadMediaFile(code), Buffer.concat(chunks))
  } finally { await close() }
})

test('a refused upload is a 422 UpstreamError and the file is not kept', async () => {
  const { fake, client, close } = await startHarness()
  try {
    const error = await client.uploadMediaFile({
      file: Readable.from([Buffer.from('pdf')]), size: 3, filename: 'manual.pdf', target: { productModel: 'tshirt' }, attribute: 'manual_pdf', locale: 'en_US'
    }).then(() => undefined, (e: unknown) => e)
    assert.ok(error instanceof UpstreamError)
    assert.equal(error.status, 422)
    assert.match(error.details[0]?.message ?? '', /does not require a locale/)
    assert.equal(fake.state.mediaFiles.size, 0)
  } finally { await close() }
})
