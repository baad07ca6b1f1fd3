import assert from 'node:assert/strict'
import { it } from 'node:test'
import type { CollectionPlacementRecord } from '../../src/store/collection-registry.js'
import { describeStore } from './describe-store.js'

const placement = (over: Partial<CollectionPlacementRecord> = {}): CollectionPlacementRecord => ({
  credentialCode: 'bynder', assetId: 'A-1', assetCode: 'bynder_A_1', family: 'packshots', targetType: 'product', targetCode: 'SKU-1',
  attribute: 'packshots_collection', locale: null, scope: null, position: 2, assetDateModified: '2026-11-28T10:00:00Z', status: 'linked', updatedAt: 10, ...over
})

describeStore('collection registry (store.collections)', ({ open }) => {
  it('records our placements per asset and per collection value, replacing a placement of the same value', async () => {
    const store = await open()
    await store.collections.save(placement())
    await store.collections.save(placement({ targetCode: 'SKU-2', position: null }))
    await store.collections.save(placement({ assetId: 'B-2', assetCode: 'bynder_B_2', position: 1 }))
    await store.collections.save(placement({ position: 3, updatedAt: 20 }))
    await store.collections.save(placement({ locale: 'en_US', scope: 'ecommerce' }))
    const mine = await store.collections.forAsset('bynder', 'A-1')
    assert.deepEqual(mine.map((r) => `${r.targetCode} ${String(r.locale)} ${String(r.position)}`).sort(), ['SKU-1 en_US 2', 'SKU-1 null 3', 'SKU-2 null null'])
    const slot = { targetType: 'product' as const, targetCode: 'SKU-1', attribute: 'packshots_collection', locale: null, scope: null }
    assert.deepEqual((await store.collections.inCollection(slot)).map((r) => [r.assetCode, r.position]), [['bynder_A_1', 3], ['bynder_B_2', 1]])
    await store.collections.remove('bynder', 'A-1', slot)
    assert.deepEqual((await store.collections.inCollection(slot)).map((r) => r.assetCode), ['bynder_B_2'])
    assert.deepEqual(await store.collections.forAsset('other', 'A-1'), [])
  })

  it('keeps the Bynder version each placement was written from, replaced with the placement', async () => {
    const store = await open()
    await store.collections.save(placement())
    await store.collections.save(placement({ targetCode: 'SKU-2', assetDateModified: null }))
    assert.deepEqual((await store.collections.forAsset('bynder', 'A-1')).map((r) => [r.targetCode, r.assetDateModified]), [['SKU-1', '2026-11-28T10:00:00Z'], ['SKU-2', null]])
    await store.collections.save(placement({ assetDateModified: '2026-11-28T11:00:00Z' }))
    assert.deepEqual((await store.collections.forAsset('bynder', 'A-1')).map((r) => r.assetDateModified), ['2026-11-28T11:00:00Z', null])
  })

  it('keeps a placement into a product that does not exist yet as waiting: found by the product, not counted as in the collection', async () => {
    const store = await open()
    await store.collections.save(placement({ targetCode: 'NEW', status: 'waiting' }))
    await store.collections.save(placement({ assetId: 'B-2', assetCode: 'bynder_B_2', targetCode: 'NEW', status: 'waiting' }))
    await store.collections.save(placement({ assetId: 'C-3', assetCode: 'bynder_C_3', targetCode: 'NEW', status: 'linked' }))
    assert.deepEqual((await store.collections.waitingFor('product', 'NEW')).map((r) => r.assetId), ['A-1', 'B-2'])
    assert.deepEqual(await store.collections.waitingFor('product_model', 'NEW'), [])
    const slot = { targetType: 'product' as const, targetCode: 'NEW', attribute: 'packshots_collection', locale: null, scope: null }
    assert.deepEqual((await store.collections.inCollection(slot)).map((r) => r.assetId), ['C-3'])
    await store.collections.save(placement({ targetCode: 'NEW', status: 'linked' }))
    assert.deepEqual((await store.collections.waitingFor('product', 'NEW')).map((r) => r.assetId), ['B-2'])
  })

  it('records the Akeneo assets made, with their media file, and forgets one', async () => {
    const store = await open()
    const asset = { credentialCode: 'bynder', assetId: 'A-1', family: 'manuals', assetCode: 'bynder_A_1', mediaFileCode: 'a/b/c/d/abcd_x.pdf', fileFingerprint: 'f1', updatedAt: 10 }
    await store.collections.saveAsset(asset)
    await store.collections.saveAsset({ ...asset, mediaFileCode: 'e/f/g/h/efgh_x.pdf', fileFingerprint: 'f2', updatedAt: 20 })
    await store.collections.saveAsset({ ...asset, family: 'packshots', mediaFileCode: null, fileFingerprint: null })
    assert.deepEqual((await store.collections.assetsOf('bynder', 'A-1')).map((r) => [r.family, r.mediaFileCode, r.fileFingerprint]),
      [['manuals', 'e/f/g/h/efgh_x.pdf', 'f2'], ['packshots', null, null]])
    await store.collections.removeAsset('bynder', 'A-1', 'manuals')
    assert.deepEqual((await store.collections.assetsOf('bynder', 'A-1')).map((r) => r.family), ['packshots'])
  })
})
