import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { cloudEvent, eventPlatformHeaders } from '../helpers/akeneo-signer.js'
import { TEST_EP_SECRETS } from '../helpers/build-test-app.js'
import { collectionEditedByHand, madeAsset, shown, withCollectionWorld as withWorld } from './collection-world.js'
import type { LinkWorld } from './link-harness.js'

// update-properties through an Akeneo event, the worker and both emulators: an asset this
// service made, put into a product's asset collection by hand in Akeneo, names that product.

const assetPosts = (w: LinkWorld): number => w.bynder.requests.filter((r) => r.method === 'POST' && /^\/api\/v4\/media\/[^/]+\/$/.test(r.path)).length

describe('update-properties: assets put into an asset collection by hand in Akeneo', () => {
  it('name the product in Bynder, with the asset type and the sort order of their position; foreign codes count for the position', () => withWorld(async (w) => {
    const first = madeAsset(w, 'front')
    const second = madeAsset(w, 'side')
    await collectionEditedByHand(w, 'mug', ['studio_shot', first.code, second.code])
    assert.deepEqual(shown(w, first.asset).akeneo_product_sku, ['mug'])
    assert.deepEqual(shown(w, first.asset).akeneo_asset_type, ['Packshots'])
    assert.equal(shown(w, first.asset).akeneo_sort_order, '2')
    assert.deepEqual(shown(w, second.asset).akeneo_product_sku, ['mug'])
    assert.equal(shown(w, second.asset).akeneo_sort_order, '3')
    assert.equal(shown(w, first.asset).product_name, 'Mug', 'enriched in the same post, now that it names the product')
    assert.equal(assetPosts(w), 2, 'one post per asset')

    w.bynder.requests.length = 0
    await collectionEditedByHand(w, 'mug', ['studio_shot', first.code, second.code])
    assert.equal(assetPosts(w), 0, 'already named where it is: nothing to write')
  }))

  it('a reorder by hand moves the sort order; removing one by hand leaves it naming the product, as for a media-file slot', () => withWorld(async (w) => {
    const first = madeAsset(w, 'front')
    const second = madeAsset(w, 'side')
    await collectionEditedByHand(w, 'mug', [first.code, second.code])
    assert.equal(shown(w, second.asset).akeneo_sort_order, '2')

    w.bynder.requests.length = 0
    await collectionEditedByHand(w, 'mug', [second.code])
    assert.equal(shown(w, second.asset).akeneo_sort_order, '1', 'its position now')
    assert.deepEqual(shown(w, first.asset).akeneo_product_sku, ['mug'], 'Bynder keeps saying where it was used; unlinking starts in Bynder')
    assert.equal(shown(w, first.asset).akeneo_sort_order, '1')
    assert.equal(assetPosts(w), 1, 'only the moved asset is written')
  }))

  it('a product model names the asset by its code', () => withWorld(async (w) => {
    const made = madeAsset(w, 'model-shot')
    const model = w.akeneo.state.productModels.get('tshirt')!
    model.values.packshots_collection = [{ locale: null, scope: null, data: [made.code] }]
    model.updated = Date.now()
    const body = JSON.stringify(cloudEvent({ type: 'com.akeneo.pim.v1.product-model.updated', code: 'tshirt', author: 'julia' }))
    const res = await w.app.inject({ method: 'POST', url: '/webhooks/akeneo', headers: eventPlatformHeaders(body, TEST_EP_SECRETS[0]), payload: body })
    assert.equal(res.statusCode, 200)
    await w.settle()
    assert.deepEqual(shown(w, made.asset).akeneo_model_code, ['tshirt'])
    assert.equal(shown(w, made.asset).akeneo_sort_order, '1')
  }))

  it('an asset someone else created in Akeneo names no Bynder asset', () => withWorld(async (w) => {
    const bystander = w.asset({ name: 'bystander' })
    await collectionEditedByHand(w, 'mug', ['studio_shot', `other_${bystander.id.replaceAll('-', '_')}`])
    assert.equal(assetPosts(w), 0)
    assert.equal(shown(w, bystander).akeneo_product_sku, undefined)
  }))

  it('a code this service placed at a sort order past the end keeps that sort order: nothing is rewritten in Bynder', () => withWorld(async (w) => {
    const first = madeAsset(w, 'front')
    await w.app.store.collections.save({
      credentialCode: 'default', assetId: first.asset.id, assetCode: first.code, family: 'packshots', targetType: 'product', targetCode: 'mug',
      attribute: 'packshots_collection', locale: null, scope: null, position: 5, assetDateModified: null, status: 'linked', updatedAt: Date.now()
    })
    w.edit(first.asset, { akeneo_product_sku: ['mug'], akeneo_asset_type: ['Packshots'], akeneo_sort_order: '5', product_name: 'Mug' })
    await collectionEditedByHand(w, 'mug', ['studio_shot', first.code])
    assert.equal(shown(w, first.asset).akeneo_sort_order, '5', 'placed for 5, it sits last of two and still says 5')
    assert.equal(assetPosts(w), 0, 'where it was placed: no post')
  }))
})
