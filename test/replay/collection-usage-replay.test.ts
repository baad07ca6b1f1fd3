import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { collectionEditedByHand, madeAsset, setCollectionByHand, shown, withCollectionWorld } from '../handlers/collection-world.js'
import { postReplay, replayJob, waitForRun } from './replay-helpers.js'

// A collection edited by hand whose event was lost: the Akeneo → Bynder replays list the
// product by its `updated` and must leave Bynder as the live event would have.

describe('Akeneo → Bynder replays over asset collections', () => {
  it('names the assets of a collection edited by hand exactly as the live event does', async () => {
    const live = await withCollectionWorld(async (w) => {
      const first = madeAsset(w, 'front')
      await collectionEditedByHand(w, 'mug', ['studio_shot', first.code])
      return shown(w, first.asset)
    })
    const replayed = await withCollectionWorld(async (w) => {
      const first = madeAsset(w, 'front')
      setCollectionByHand(w, 'mug', ['studio_shot', first.code])
      // A live event runs both Akeneo → Bynder jobs; so does this replay.
      for (const id of await postReplay(w.app, { jobs: ['update-properties', 'update-mapped-properties'] })) {
        const run = await waitForRun(w.app, id)
        assert.equal(run.status, 'done', run.error ?? '')
      }
      await w.settle()
      return shown(w, first.asset)
    })
    assert.deepEqual([live.akeneo_product_sku, live.akeneo_sort_order, live.product_name], [['mug'], '2', 'Mug'])
    assert.deepEqual(replayed, live)
  })

  it('an enrichment replay alone enriches the assets of the collections, linked by whoever', () => withCollectionWorld(async (w) => {
    const first = madeAsset(w, 'front')
    setCollectionByHand(w, 'mug', ['studio_shot', first.code])
    const run = await replayJob(w.app, 'update-mapped-properties')
    assert.equal(run.status, 'done', run.error ?? '')
    await w.settle()
    assert.deepEqual(shown(w, first.asset), { product_name: 'Mug' }, 'update-properties did not run: enrichment only')
  }))

  it('a dry run reports the post it would make and writes nothing', () => withCollectionWorld(async (w) => {
    const first = madeAsset(w, 'front')
    setCollectionByHand(w, 'mug', ['studio_shot', first.code])
    const run = await replayJob(w.app, 'update-properties', { dry_run: true })
    assert.equal(run.status, 'done', run.error ?? '')
    const post = run.planned?.writes.find((write) => write.entity === `asset ${first.asset.id}` && write.operation === 'set_metaproperties')
    assert.ok(post !== undefined, JSON.stringify(run.planned))
    assert.match(post.detail, /akeneo_sort_order="2"/)
    assert.equal(w.bynder.writes.length, 0)
  }))
})
