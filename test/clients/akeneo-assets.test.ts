import assert from 'node:assert/strict'
import { Readable } from 'node:stream'
import { test } from 'node:test'
import { assetSearchDate } from '../../src/clients/akeneo/index.js'
import { operationOf } from '../../src/metrics/operations.js'
import { seedAssetFamilies } from '../fakes/akeneo/asset-seed.js'
import { addAsset, assetManagerOf } from '../fakes/akeneo/asset-state.js'
import { startHarness } from '../fakes/akeneo/harness.js'

test('getAssetFamily reads the main media and its type, case-sensitively, and caches the family', async () => {
  const { fake, client, close } = await startHarness()
  try {
    seedAssetFamilies(fake.state)
    const packshots = await client.getAssetFamily('packshots')
    assert.equal(packshots?.attributeAsMainMedia, 'media')
    assert.equal(packshots?.attributes.find((a) => a.code === 'media')?.type, 'media_link')
    const manuals = await client.getAssetFamily('manuals')
    assert.equal(manuals?.attributes.find((a) => a.code === manuals.attributeAsMainMedia)?.type, 'media_file')
    assert.equal(await client.getAssetFamily('Packshots'), null)
    const before = fake.requests.length
    await client.getAssetFamily('packshots')
    assert.equal(fake.requests.length, before, 'a cached family costs no call')
  } finally { await close() }
})

test('concurrent family reads share one; a failed read is not kept, the next call sends it again', async () => {
  const { fake, client, close } = await startHarness({ latencyMs: 20 }, { retry: { limit: 0 } })
  try {
    seedAssetFamilies(fake.state)
    const reads = (): number => fake.requests.filter(r => r.path === '/api/rest/v1/asset-families/packshots').length
    const families = await Promise.all(Array.from({ length: 8 }, async () => await client.getAssetFamily('packshots')))
    assert.ok(families.every((f) => f?.attributeAsMainMedia === 'media'))
    assert.equal(reads(), 1)
    assert.equal(fake.requests.filter(r => r.path === '/api/rest/v1/asset-families/packshots/attributes').length, 1)

    fake.failNext({ status: 500 })
    const failed = await Promise.allSettled([client.getAssetFamily('manuals'), client.getAssetFamily('manuals')])
    assert.deepEqual(failed.map(r => r.status), ['rejected', 'rejected'])
    assert.equal((await client.getAssetFamily('manuals'))?.code, 'manuals')
    assert.equal(fake.requests.filter(r => r.path === '/api/rest/v1/asset-families/manuals').length, 2, 'one failed read shared, then one more')
  } finally { await close() }
})

test('upsertAssets sends one JSON array and returns each item\'s answer, failures included', async () => {
  const { fake, client, close } = await startHarness()
  try {
    seedAssetFamilies(fake.state)
    const results = await client.upsertAssets('packshots', [
      { code: 'bynder_A1', values: { media: [{ locale: null, channel: null, data: 'https://cdn.example.com/a1.jpg' }], title: [{ locale: null, channel: null, data: 'One' }] } },
      { code: 'bynder_A2', values: { usage: [{ locale: null, channel: null, data: 'nowhere' }] } }
    ])
    assert.deepEqual(results.map((r) => [r.code, r.status_code]), [['bynder_A1', 201], ['bynder_A2', 422]])
    const patches = fake.requests.filter((r) => r.method === 'PATCH')
    assert.equal(patches.length, 1)
    assert.equal(patches[0]?.headers['content-type'], 'application/json')
    const asset = await client.getAsset('packshots', 'bynder_A1')
    assert.equal(asset?.values.title?.[0]?.data, 'One')
    assert.equal(asset?.values.title?.[0]?.channel, null)
    assert.equal(await client.getAsset('packshots', 'bynder_A2'), null)
  } finally { await close() }
})

test('uploadAssetMediaFile returns the Asset-media-file-code; the code fills a media_file value', async () => {
  const { fake, client, close } = await startHarness()
  try {
    seedAssetFamilies(fake.state)
    const bytes = Buffer.from('%PDF-1.4 manual')
    const code = await client.uploadAssetMediaFile({ file: () => Readable.from([bytes]), size: bytes.length, filename: 'manual.pdf', contentType: 'application/pdf' })
    assert.deepEqual(assetManagerOf(fake.state).mediaFiles.get(code)?.bytes, bytes)
    const [result] = await client.upsertAssets('manuals', [{ code: 'bynder_M1', values: { file: [{ locale: null, channel: null, data: code }] } }])
    assert.equal(result?.status_code, 201)
  } finally { await close() }
})

test('deleteAsset answers whether it deleted', async () => {
  const { fake, client, close } = await startHarness()
  try {
    seedAssetFamilies(fake.state)
    addAsset(fake.state, 'packshots', 'bynder_D1')
    assert.equal(await client.deleteAsset('packshots', 'bynder_D1'), true)
    assert.equal(await client.deleteAsset('packshots', 'bynder_D1'), false)
  } finally { await close() }
})

test('listAssets pages with search_after, filters `updated` with an ISO date and reads either embedded key', async () => {
  const { fake, client, close } = await startHarness()
  try {
    seedAssetFamilies(fake.state)
    const old = Date.parse('2026-11-01T00:00:00Z')
    const recent = Date.parse('2026-11-28T10:00:00Z')
    for (let i = 0; i < 120; i++) addAsset(fake.state, 'packshots', `bynder_R${String(i).padStart(3, '0')}`, {}, recent)
    addAsset(fake.state, 'packshots', 'bynder_OLD', {}, old)
    const all: string[] = []
    for await (const asset of client.listAssets('packshots')) all.push(asset.code)
    assert.equal(all.length, 121)
    const since: string[] = []
    for await (const asset of client.listAssets('packshots', { updatedAfter: new Date('2026-11-20T00:00:00.000Z') })) since.push(asset.code)
    assert.equal(since.length, 120)
    assert.equal(since.includes('bynder_OLD'), false)
    const search = fake.requests.find((r) => r.path.endsWith('/assets') && r.query?.search !== undefined)?.query?.search
    assert.match(String(search), /2026-11-20T00:00:00Z/)
    assetManagerOf(fake.state).embeddedKey = '_items'
    let underscored = 0
    for await (const _ of client.listAssets('packshots')) underscored++
    assert.equal(underscored, 121)
  } finally { await close() }
})

test('asset search dates are ISO 8601 to the second; asset calls have named operations', () => {
  assert.equal(assetSearchDate(new Date('2026-11-28T10:00:00.123Z')), '2026-11-28T10:00:00Z')
  assert.equal(operationOf('akeneo', 'PATCH', '/api/rest/v1/asset-families/packshots/assets'), 'PATCH /api/rest/v1/asset-families/{family}/assets')
  assert.equal(operationOf('akeneo', 'GET', '/api/rest/v1/asset-families/packshots/assets/bynder_A'), 'GET /api/rest/v1/asset-families/{family}/assets/{code}')
  assert.equal(operationOf('akeneo', 'GET', '/api/rest/v1/asset-families/packshots'), 'GET /api/rest/v1/asset-families/{family}')
  assert.equal(operationOf('akeneo', 'GET', '/api/rest/v1/asset-families/packshots/attributes'), 'GET /api/rest/v1/asset-families/{family}/attributes')
  assert.equal(operationOf('akeneo', 'POST', '/api/rest/v1/asset-media-files'), 'POST /api/rest/v1/asset-media-files')
})
