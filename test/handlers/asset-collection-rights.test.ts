import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { DEFAULT_CREDENTIAL_CODE } from '../../src/config/credentials.js'
import type { Mapping } from '../../src/config/mapping-schema.js'
import { seedAssetFamilies } from '../fakes/akeneo/asset-seed.js'
import type { FakeAkeneoOptions } from '../fakes/akeneo/index.js'
import { startLinkWorld, type LinkWorld } from './link-harness.js'

const MAPPING: Partial<Mapping> = {
  derivative_to_use: 'webimage',
  asset_family_attribute_mappings: { packshots: { title: 'name' } }
}

async function withWorld (akeneo: FakeAkeneoOptions, fn: (w: LinkWorld) => Promise<void>): Promise<void> {
  const world = await startLinkWorld(MAPPING, { akeneo })
  seedAssetFamilies(world.akeneo.state)
  try { await fn(world) } finally { await world.close() }
}

const code = (id: string): string => `bynder_${id.replaceAll('-', '_')}`
async function lastTask (w: LinkWorld): Promise<{ status: string, lastError: string | null }> {
  const [event] = await w.app.store.listEvents({ limit: 1 })
  return event!.task!
}
const placements = async (w: LinkWorld, assetId: string): Promise<unknown[]> => await w.app.store.collections.forAsset(DEFAULT_CREDENTIAL_CODE, assetId)
/** Reads of products and models: by identifier / code, or several in one search. */
const targetReads = (w: LinkWorld): string[] => w.akeneo.requests
  .filter((r) => r.method === 'GET' && /^\/api\/rest\/v1\/(products\/|products-uuid$|product-models)/.test(r.path)).map((r) => r.path)
const into = (w: LinkWorld, name: string, properties: Record<string, string[]>) =>
  w.asset({ name, properties: { akeneo_asset_type: ['packshots_collection'], ...properties } })

describe('EE rights: a collection write that becomes a draft is not recorded as a placement (SNS → worker → emulator)', () => {
  it('edit without own: the bulk PATCH is answered 204 but only drafted — read back, not recorded, the task names the missing right', () => withWorld({ edition: 'EE', defaultRight: 'edit' }, async (w) => {
    const asset = into(w, 'drafted', { akeneo_product_sku: ['sunglasses'] })
    await w.notify(asset, 'asset_bank.media.create')
    await w.settle()
    const task = await lastTask(w)
    assert.equal(task.status, 'dead')
    assert.match(task.lastError ?? '', /product sunglasses.*saved as a draft.*can edit but not own.*"own" rights/)
    assert.deepEqual(await placements(w, asset.id), [])
    assert.equal(w.value('sunglasses', 'packshots_collection') ?? null, null, 'only the draft holds it')

    // Now a draft exists: the target read refuses before any product write.
    w.akeneo.resetCounters()
    w.edit(asset, {}, { name: 'drafted again' })
    await w.notify(asset)
    await w.settle()
    assert.match((await lastTask(w)).lastError ?? '', /does not own it \(workflow status draft_in_progress\)/)
    assert.equal(w.akeneo.requests.filter((r) => r.method === 'PATCH' && r.path === '/api/rest/v1/products-uuid').length, 0)
    assert.deepEqual(await placements(w, asset.id), [])
  }))

  it('own rights on EE: placed and recorded; the first placement into each target is read back (batched), later ones are not', () => withWorld({ edition: 'EE' }, async (w) => {
    const targets = { akeneo_product_sku: ['sunglasses', 'mug'], akeneo_model_code: ['tshirt'] }
    const first = into(w, 'owned-1', targets)
    w.akeneo.resetCounters()
    await w.notify(first, 'asset_bank.media.create')
    await w.settle()
    assert.equal((await lastTask(w)).status, 'done', (await lastTask(w)).lastError ?? '')
    const firstReads = targetReads(w)
    console.log(`# EE own, first placement into 2 products + 1 model: target reads ${firstReads.length}: ${firstReads.join(', ')}`)
    assert.deepEqual(firstReads.sort(), ['/api/rest/v1/product-models/tshirt', '/api/rest/v1/product-models/tshirt', '/api/rest/v1/products-uuid', '/api/rest/v1/products-uuid'],
      'the target reads and one read-back: both products in one search each time')
    assert.equal((await placements(w, first.id)).length, 3)
    assert.deepEqual(w.value('mug', 'packshots_collection'), [code(first.id)])

    const second = into(w, 'owned-2', targets)
    w.akeneo.resetCounters()
    await w.notify(second, 'asset_bank.media.create')
    await w.settle()
    assert.equal((await lastTask(w)).status, 'done', (await lastTask(w)).lastError ?? '')
    const secondReads = targetReads(w)
    console.log(`# EE own, second asset into the same targets: target reads ${secondReads.length}: ${secondReads.join(', ')}`)
    assert.deepEqual(secondReads.sort(), ['/api/rest/v1/product-models/tshirt', '/api/rest/v1/products-uuid'], 'the target reads only: each target holds a confirmed placement')
    assert.deepEqual(w.value('mug', 'packshots_collection'), [code(first.id), code(second.id)])
  }))

  it('own rights on EE, one product: read back once by identifier', () => withWorld({ edition: 'EE' }, async (w) => {
    w.akeneo.resetCounters()
    await w.notify(into(w, 'single', { akeneo_product_sku: ['mug'] }), 'asset_bank.media.create')
    await w.settle()
    assert.equal((await lastTask(w)).status, 'done', (await lastTask(w)).lastError ?? '')
    assert.deepEqual(targetReads(w), ['/api/rest/v1/products/mug', '/api/rest/v1/products/mug'])
  }))

  it('CE: no read-back', () => withWorld({}, async (w) => {
    const asset = into(w, 'ce', { akeneo_product_sku: ['sunglasses', 'mug'], akeneo_model_code: ['tshirt'] })
    w.akeneo.resetCounters()
    await w.notify(asset, 'asset_bank.media.create')
    await w.settle()
    assert.equal((await lastTask(w)).status, 'done', (await lastTask(w)).lastError ?? '')
    assert.deepEqual(targetReads(w).sort(), ['/api/rest/v1/product-models/tshirt', '/api/rest/v1/products-uuid'])
    assert.equal((await placements(w, asset.id)).length, 3)
  }))
})
