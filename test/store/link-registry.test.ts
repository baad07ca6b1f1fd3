import assert from 'node:assert/strict'
import { it } from 'node:test'
import type { LinkRecord } from '../../src/store/link-registry.js'
import { describeStore } from './describe-store.js'

function record (extra: Partial<LinkRecord> = {}): LinkRecord {
  return {
    credentialCode: 'bynder', assetId: 'A1', assetName: 'front', assetDateModified: '2026-05-01T10:00:00Z',
    targetType: 'product', targetCode: 'mug', productUuid: 'u-1', attribute: 'packshot_image', locale: null, scope: null,
    slotKey: '["product","mug","packshot_image",null,null]', source: 'original', writeKind: 'media_file',
    status: 'linked', value: 'a/b/c/d/abcd_front.jpg', fileFingerprint: null, updatedAt: 1, ...extra
  }
}

describeStore('link registry (store.links)', ({ open }) => {
  it('keeps one row per credential, asset and slot: saving again replaces it', async () => {
    const store = await open()
    await store.links.save(record())
    await store.links.save(record({ value: 'new/code.jpg', assetDateModified: '2026-05-02T10:00:00Z' }))
    await store.links.save(record({ credentialCode: 'other' }))
    const rows = await store.links.forAsset('bynder', 'A1')
    assert.deepEqual(rows.map((r) => [r.value, r.assetDateModified]), [['new/code.jpg', '2026-05-02T10:00:00Z']])
    await store.close()
  })

  it('finds waiting rows by target, filters the listing, and removes one slot', async () => {
    const store = await open()
    await store.links.save(record({ targetCode: 'cap', slotKey: 'cap', status: 'waiting', value: null, productUuid: null }))
    await store.links.save(record({ assetId: 'A2' }))
    assert.deepEqual((await store.links.waitingFor('product', 'cap')).map((r) => r.assetId), ['A1'])
    assert.deepEqual(await store.links.waitingFor('product_model', 'cap'), [])
    assert.equal((await store.links.list({ limit: 10 })).length, 2)
    assert.deepEqual((await store.links.list({ limit: 10, target: 'mug' })).map((r) => r.assetId), ['A2'])
    assert.deepEqual((await store.links.list({ limit: 10, asset: 'A1', status: 'waiting' })).map((r) => r.targetCode), ['cap'])
    await store.links.remove('bynder', 'A1', 'cap')
    assert.deepEqual(await store.links.forAsset('bynder', 'A1'), [])
    await store.close()
  })

  it('fills a product uuid learnt later into the rows that lack it, and a save without one keeps what is known', async () => {
    const store = await open()
    await store.links.save(record({ productUuid: null }))
    await store.links.save(record({ assetId: 'A2', productUuid: 'u-kept' }))
    await store.links.save(record({ assetId: 'A3', targetCode: 'cap', productUuid: null }))
    assert.equal(await store.links.setProductUuid('mug', 'u-1'), 1)
    assert.deepEqual((await store.links.forTarget('product', 'mug')).map((r) => [r.assetId, r.productUuid]), [['A1', 'u-1'], ['A2', 'u-kept']])
    assert.equal((await store.links.forAsset('bynder', 'A3'))[0]?.productUuid, null)
    assert.equal(await store.links.targetCodeOfProduct('u-1'), 'mug')
    // Unknown is not a value: saving the row again without a uuid leaves the learnt one.
    await store.links.save(record({ productUuid: null, value: 'again.jpg' }))
    assert.equal((await store.links.forAsset('bynder', 'A1'))[0]?.productUuid, 'u-1')
    await store.close()
  })
})
