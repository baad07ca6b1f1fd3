import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Mapping } from '../../src/config/mapping-schema.js'
import { seedAssetFamilies } from '../fakes/akeneo/asset-seed.js'
import { addAsset, assetManagerOf } from '../fakes/akeneo/asset-state.js'
import { findProductByIdentifier } from '../fakes/akeneo/state.js'
import { minutesAgo, replayJob } from '../replay/replay-helpers.js'
import { startLinkWorld, type LinkWorld } from './link-harness.js'


const MAPPING: Partial<Mapping> = {
  derivative_to_use: 'webimage',
  asset_family_attribute_mappings: { packshots: { title: 'name' }, manuals: { title: 'name' } }
}

async function withWorld (fn: (w: LinkWorld) => Promise<void>, mapping: Partial<Mapping> = {}): Promise<void> {
  const world = await startLinkWorld({ ...MAPPING, ...mapping })
  seedAssetFamilies(world.akeneo.state)
  try { await fn(world) } finally { await world.close() }
}

const code = (id: string): string => `bynder_${id.replaceAll('-', '_')}`
const collection = (w: LinkWorld, target: string, attribute = 'packshots_collection'): unknown => w.value(target, attribute) ?? []
const akeneoAsset = (w: LinkWorld, family: string, id: string) => assetManagerOf(w.akeneo.state).families.get(family)?.assets.get(code(id))
/** A code someone put in the collection by hand in Akeneo. */
function foreign (w: LinkWorld, target: string, codes: string[]): void {
  for (const c of codes) addAsset(w.akeneo.state, 'packshots', c)
  findProductByIdentifier(w.akeneo.state, target)!.values.packshots_collection = [{ locale: null, scope: null, data: codes }]
}
const packshot = (w: LinkWorld, name: string, properties: Record<string, string[] | string> = {}) =>
  w.asset({ name, properties: { akeneo_product_sku: ['sunglasses'], akeneo_asset_type: ['packshots_collection'], ...properties } })
async function lastTask (w: LinkWorld): Promise<{ status: string, outcome: string | null, lastError: string | null }> {
  const [event] = await w.app.store.listEvents({ limit: 1 })
  return event!.task!
}
const upstream = (w: LinkWorld): string[] => w.akeneo.requests.filter((r) => !r.path.includes('oauth')).map((r) => `${r.method} ${r.path}`)

/** A packshot linked into sunglasses' collection, then deleted in Bynder (its deletion event worked off). */
async function linkedThenDeleted (w: LinkWorld): Promise<{ id: string }> {
  const asset = packshot(w, 'gone')
  await w.notify(asset)
  await w.settle()
  w.bynder.state.assets.delete(asset.id)
  await w.notify(asset, 'asset_bank.media.deleted')
  await w.settle()
  return asset
}

describe('Bynder assets into Akeneo asset collections (SNS → worker → emulator)', () => {
  it('media_link family: the asset is made once with a link to the derivative and joins two products and a model at its sort order', () => withWorld(async (w) => {
    foreign(w, 'sunglasses', ['hand_made'])
    const asset = packshot(w, 'front', { akeneo_product_sku: ['sunglasses', 'mug'], akeneo_model_code: ['tshirt'], akeneo_sort_order: '1' })
    w.akeneo.resetCounters()
    await w.notify(asset, 'asset_bank.media.create')
    await w.settle()
    assert.equal((await lastTask(w)).status, 'done', (await lastTask(w)).lastError ?? '')
    const calls = upstream(w)
    console.log(`# Akeneo calls for one new asset into 2 products + 1 model (media_link): ${calls.length}: ${calls.join(', ')}`)
    assert.deepEqual(collection(w, 'sunglasses'), [code(asset.id), 'hand_made'])
    assert.deepEqual(collection(w, 'mug'), [code(asset.id)])
    assert.deepEqual(collection(w, 'tshirt'), [code(asset.id)])
    const made = akeneoAsset(w, 'packshots', asset.id)
    assert.match(String(made?.values.media?.[0]?.data), /webimage/)
    assert.equal(made?.values.title?.[0]?.data, 'front')
    assert.equal(calls.filter((c) => c === 'PATCH /api/rest/v1/asset-families/packshots/assets').length, 1, 'one asset upsert')
    assert.equal(calls.filter((c) => c === 'PATCH /api/rest/v1/products-uuid').length, 1, 'both products in one bulk write')
    assert.equal(calls.filter((c) => c.startsWith('PATCH /api/rest/v1/product-models')).length, 1)
    assert.equal(calls.filter((c) => c.includes('media-files')).length, 0, 'a media link uploads nothing')
    assert.equal(calls.filter((c) => c.startsWith('GET /api/rest/v1/asset-families/packshots/assets/')).length, 0, 'an asset the registry says was never made is not read first')

    // A later new asset: the family and the attributes come from the client's cache.
    const next = packshot(w, 'back', { akeneo_product_sku: ['sunglasses', 'mug'], akeneo_model_code: ['tshirt'] })
    w.akeneo.resetCounters()
    await w.notify(next, 'asset_bank.media.create')
    await w.settle()
    const later = upstream(w)
    console.log(`# Akeneo calls for a later new asset into 2 products + 1 model (media_link): ${later.length}: ${later.join(', ')}`)
    assert.equal(later.filter((c) => !c.startsWith('GET')).length, 3, 'asset upsert, products bulk, models bulk')
    assert.deepEqual(later.filter((c) => c.startsWith('GET')), ['GET /api/rest/v1/products-uuid', 'GET /api/rest/v1/product-models/tshirt'], 'both products read in one search, the model on its own')
    assert.deepEqual(collection(w, 'sunglasses'), [code(asset.id), 'hand_made', code(next.id)])
  }))

  it('orders by sort order: positioned codes at their place, no sort order appends, foreign codes kept in order', () => withWorld(async (w) => {
    foreign(w, 'sunglasses', ['hand_a', 'hand_b'])
    const second = packshot(w, 'second', { akeneo_sort_order: '2' })
    const appended = packshot(w, 'appended')
    const first = packshot(w, 'first', { akeneo_sort_order: '1' })
    for (const a of [second, appended, first]) { await w.notify(a); await w.settle() }
    assert.deepEqual(collection(w, 'sunglasses'), [code(first.id), code(second.id), 'hand_a', 'hand_b', code(appended.id)])
  }))

  it('media_file family: the file is uploaded as an asset media file once, and not again for a metadata edit', () => withWorld(async (w) => {
    const asset = w.asset({ name: 'manual', properties: { akeneo_product_sku: ['mug'], akeneo_asset_type: ['manuals_collection'] } })
    w.akeneo.resetCounters()
    await w.notify(asset, 'asset_bank.media.create')
    await w.settle()
    assert.equal((await lastTask(w)).status, 'done', (await lastTask(w)).lastError ?? '')
    const calls = upstream(w)
    console.log(`# Akeneo calls for one new asset into 1 product (media_file): ${calls.length}: ${calls.join(', ')}`)
    assert.deepEqual(collection(w, 'mug', 'manuals_collection'), [code(asset.id)])
    const made = akeneoAsset(w, 'manuals', asset.id)
    const media = assetManagerOf(w.akeneo.state).mediaFiles.get(String(made?.values.file?.[0]?.data))
    assert.equal(media?.bytes.toString(), `derivative webimage of ${asset.id}`)
    assert.equal(calls.filter((c) => c === 'POST /api/rest/v1/asset-media-files').length, 1)

    w.edit(asset, {}, { name: 'manual v2' })
    w.akeneo.resetCounters()
    await w.notify(asset)
    await w.settle()
    assert.equal(akeneoAsset(w, 'manuals', asset.id)?.values.title?.[0]?.data, 'manual v2')
    assert.equal(upstream(w).filter((c) => c.includes('asset-media-files')).length, 0, 'same file: no upload')
  }))

  it('a Bynder edit updates the asset\'s attributes with one write and leaves the collections alone', () => withWorld(async (w) => {
    const asset = packshot(w, 'before')
    await w.notify(asset)
    await w.settle()
    w.edit(asset, {}, { name: 'after' })
    w.akeneo.resetCounters()
    await w.notify(asset)
    await w.settle()
    const writes = upstream(w).filter((c) => !c.startsWith('GET'))
    assert.deepEqual(writes, ['PATCH /api/rest/v1/asset-families/packshots/assets'])
    assert.equal(upstream(w).filter((c) => c === `GET /api/rest/v1/asset-families/packshots/assets/${code(asset.id)}`).length, 1, 'an asset made before is read, to write only what differs')
    const patch = w.akeneo.requests.find((r) => r.method === 'PATCH')
    assert.equal(akeneoAsset(w, 'packshots', asset.id)?.values.title?.[0]?.data, 'after')
    assert.ok(patch)
  }))

  it('unlinks only our code: no longer naming a product, moved to another family\'s collection and back, archived; foreign codes stay', () => withWorld(async (w) => {
    foreign(w, 'sunglasses', ['hand_made'])
    const asset = packshot(w, 'moving', { akeneo_product_sku: ['sunglasses', 'mug'] })
    await w.notify(asset)
    await w.settle()
    assert.deepEqual(collection(w, 'mug'), [code(asset.id)])
    w.edit(asset, { akeneo_product_sku: ['sunglasses'] })
    await w.notify(asset)
    await w.settle()
    assert.deepEqual(collection(w, 'mug'), [])
    assert.deepEqual(collection(w, 'sunglasses'), ['hand_made', code(asset.id)])
    // Moved to a collection of another family: asset codes are unique across families, so the
    // Akeneo asset we made in packshots is taken out of our collections, deleted and made in manuals.
    w.edit(asset, { akeneo_asset_type: ['manuals_collection'] })
    w.akeneo.resetCounters()
    await w.notify(asset)
    await w.settle()
    assert.equal((await lastTask(w)).status, 'done', (await lastTask(w)).lastError ?? '')
    assert.deepEqual(collection(w, 'sunglasses'), ['hand_made'])
    assert.deepEqual(collection(w, 'sunglasses', 'manuals_collection'), [code(asset.id)])
    assert.equal(akeneoAsset(w, 'packshots', asset.id), undefined, 'our packshots asset is deleted')
    assert.ok(akeneoAsset(w, 'manuals', asset.id))
    const moveWrites = upstream(w).filter((c) => !c.startsWith('GET'))
    console.log(`# Akeneo writes for a move to another family's collection: ${moveWrites.join(', ')}`)
    assert.ok(moveWrites.indexOf('DELETE /api/rest/v1/asset-families/packshots/assets/' + code(asset.id)) > moveWrites.indexOf('PATCH /api/rest/v1/products-uuid'),
      'removed from the collection before it is deleted')
    w.edit(asset, { akeneo_asset_type: ['packshots_collection'] })
    await w.notify(asset)
    await w.settle()
    assert.equal((await lastTask(w)).status, 'done', (await lastTask(w)).lastError ?? '')
    assert.deepEqual(collection(w, 'sunglasses'), ['hand_made', code(asset.id)])
    assert.deepEqual(collection(w, 'sunglasses', 'manuals_collection'), [])
    assert.equal(akeneoAsset(w, 'manuals', asset.id), undefined)
    w.edit(asset, {}, { archive: true })
    await w.notify(asset)
    await w.settle()
    assert.deepEqual(collection(w, 'sunglasses'), ['hand_made'])
    assert.ok(akeneoAsset(w, 'packshots', asset.id), 'archiving keeps the Akeneo asset')
  }))

  it('a product that does not exist yet waits, and its creation event puts the asset in its collection', () => withWorld(async (w) => {
    const asset = packshot(w, 'early', { akeneo_product_sku: ['cap', 'mug'] })
    await w.notify(asset)
    await w.settle()
    assert.equal((await lastTask(w)).status, 'done', (await lastTask(w)).lastError ?? '')
    assert.match((await lastTask(w)).outcome ?? '', /1 written, 1 waiting/)
    assert.equal(findProductByIdentifier(w.akeneo.state, 'cap'), undefined, 'never created by us')
    assert.deepEqual(collection(w, 'mug'), [code(asset.id)])
    const { addProduct } = await import('../fakes/akeneo/seed.js')
    const product = addProduct(w.akeneo.state, { identifier: 'cap', family: 'accessories' })
    await w.productEvent(product.uuid)
    await w.settle()
    assert.deepEqual(collection(w, 'cap'), [code(asset.id)])
    assert.deepEqual(collection(w, 'mug'), [code(asset.id)])
  }))

  it('a value Akeneo refuses (an option it does not have) and a mapped attribute the family lacks are notes on the task: the rest of the asset is written and linked', () => withWorld(async (w) => {
    const asset = packshot(w, 'front', { colors: ['red', 'black'] })
    await w.notify(asset)
    await w.settle()
    const task = await lastTask(w)
    assert.equal(task.status, 'done', task.lastError ?? '')
    assert.match(task.outcome ?? '', /1 written/)
    assert.match(task.outcome ?? '', /Akeneo refused packshots\.colors: .*option/, 'Akeneo\'s refusal of the value, by attribute')
    assert.match(task.outcome ?? '', /no attribute shade/)
    assert.deepEqual(collection(w, 'sunglasses'), [code(asset.id)])
    const made = akeneoAsset(w, 'packshots', asset.id)
    assert.equal(made?.values.title?.[0]?.data, 'front')
    assert.equal(made?.values.colors, undefined, 'the refused value is left out')
    assert.match(String(made?.values.media?.[0]?.data), /webimage/)
  }, { asset_family_attribute_mappings: { packshots: { title: 'name', colors: 'colors', shade: 'product_name' } } }))

  it('a Bynder delete removes our code and keeps the Akeneo asset by default', () => withWorld(async (w) => {
    foreign(w, 'sunglasses', ['hand_made'])
    const asset = await linkedThenDeleted(w)
    assert.deepEqual(collection(w, 'sunglasses'), ['hand_made'])
    assert.ok(akeneoAsset(w, 'packshots', asset.id))
  }))

  it('delete_akeneo_assets_on_bynder_delete: true deletes the Akeneo asset after taking it out of the collections', () => withWorld(async (w) => {
    const asset = await linkedThenDeleted(w)
    assert.equal((await lastTask(w)).status, 'done', (await lastTask(w)).lastError ?? '')
    assert.deepEqual(collection(w, 'sunglasses'), [])
    assert.equal(akeneoAsset(w, 'packshots', asset.id), undefined)
  }, { delete_akeneo_assets_on_bynder_delete: true }))

  it('the dry run reports the asset and collection writes it would make, and makes none', () => withWorld(async (w) => {
    const asset = w.asset({ name: 'planned', dateModified: minutesAgo(5), properties: { akeneo_product_sku: ['sunglasses'], akeneo_asset_type: ['packshots_collection'], akeneo_sort_order: '1' } })
    const manual = w.asset({ name: 'planned-manual', dateModified: minutesAgo(5), properties: { akeneo_product_sku: ['mug'], akeneo_asset_type: ['manuals_collection'] } })
    const run = await replayJob(w.app, 'import-assets', { dry_run: true })
    assert.equal(run.status, 'done')
    assert.equal(w.akeneo.requests.filter((r) => r.method !== 'GET' && !r.path.includes('oauth')).length, 0)
    assert.deepEqual(run.planned?.writes.map((write) => `${write.operation} ${write.entity}`).sort(), [
      `create_asset asset ${code(asset.id)}`, `create_asset asset ${code(manual.id)}`,
      'patch product mug', 'patch product sunglasses', `upload asset ${code(manual.id)}`
    ].sort())
    assert.match(run.planned!.writes.find((write) => write.entity === 'product sunglasses')!.detail, /packshots_collection ← bynder_.* sort order 1/)
    assert.deepEqual(collection(w, 'sunglasses'), [])
  }))
})
