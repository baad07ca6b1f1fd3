import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { FakeAsset } from '../fakes/bynder/index.js'
import { startLinkWorld, type LinkWorld } from '../handlers/link-harness.js'
import { minutesAgo, replayJob } from './replay-helpers.js'

const created = minutesAgo(20)
const ID = (n: number): string => `0E242B12-0609-4310-90F58FD42E05177${n}`

/** The same portal in each world: fixed ids and dates, so the two end states can be compared. */
function seed (w: LinkWorld): Record<string, FakeAsset> {
  const at = { dateModified: created, idHash: 'f1xedha5h' }
  return {
    packshot: w.asset({ id: ID(1), name: 'mug-front', ...at, properties: { akeneo_product_sku: ['mug'], akeneo_asset_type: ['packshot_image'] } }),
    slot: w.asset({ id: ID(2), name: 'life', ...at, properties: { akeneo_product_sku: ['tshirt-red'], akeneo_asset_type: ['application'], akeneo_sort_order: '3' } }),
    model: w.asset({ id: ID(3), name: 'model', ...at, properties: { akeneo_model_code: ['tshirt'], akeneo_asset_type: ['packshot_image'] } }),
    archived: w.asset({ id: ID(4), name: 'old', ...at, archive: true, properties: { akeneo_product_sku: ['sunglasses'], akeneo_asset_type: ['image_url'] } }),
    early: w.asset({ id: ID(5), name: 'early', ...at, properties: { akeneo_product_sku: ['cap'], akeneo_asset_type: ['packshot_image'] } }),
    doomed: w.asset({ id: ID(6), name: 'doomed', ...at, properties: { akeneo_product_sku: ['sunglasses'], akeneo_asset_type: ['packshot_image'] } }),
    url: w.asset({ id: ID(7), name: 'url', ...at, isPublic: true, properties: { akeneo_product_sku: ['mug'], akeneo_asset_type: ['image_url'] } })
  }
}

/** What changed in Bynder after the first sync: an identifier removed, a sort order moved, a deletion. */
function change (w: LinkWorld, assets: Record<string, FakeAsset>): void {
  w.edit(assets.packshot!, { akeneo_product_sku: null })
  w.edit(assets.slot!, { akeneo_sort_order: '2' })
  w.bynder.trashAsset(assets.doomed!.id)
}

/** The registry and Akeneo's values, with media codes replaced by the bytes they hold. */
async function endState (w: LinkWorld): Promise<unknown> {
  const media = (value: unknown): unknown => w.akeneo.state.mediaFiles.get(value as string)?.bytes.toString() ?? String(value).replace(w.bynder.url, '<bynder>')
  const links = (await w.links()).map((l) => [l.asset_id, l.target_type, l.target_code, l.attribute, l.status, l.source, l.write_kind, l.asset_date_modified].join(' '))
  const values: Record<string, unknown> = {}
  for (const target of ['mug', 'sunglasses', 'tshirt-red', 'tshirt', 'cap']) {
    for (const attribute of ['packshot_image', 'application_image_1', 'application_image_2', 'application_image_3', 'image_url']) {
      const value = w.value(target, attribute)
      if (value !== null) values[`${target}.${attribute}`] = media(value)
    }
  }
  return { links: links.sort(), values }
}

describe('a replay after the events were dropped', () => {
  it('ends in the same link registry and Akeneo values as the live events would have', async () => {
    const [live, replayed] = await Promise.all([startLinkWorld(), startLinkWorld()])
    try {
      const liveAssets = seed(live)
      for (const asset of Object.values(liveAssets)) await live.notify(asset, 'asset_bank.media.create')
      await live.settle()
      change(live, liveAssets)
      await live.notify(liveAssets.packshot!)
      await live.notify(liveAssets.slot!)
      await live.notify(liveAssets.doomed!, 'asset_bank.media.deleted')
      await live.settle()

      const replayedAssets = seed(replayed)
      const first = await replayJob(replayed.app, 'import-assets')
      // The archived asset plans no link and has none: settled without a task.
      assert.deepEqual([first.counts.listed, first.counts.settled, first.counts.queued], [7, 1, 6])
      await replayed.settle()
      change(replayed, replayedAssets)
      const second = await replayJob(replayed.app, 'import-assets')
      // The model shot, the archived one and the URL link are settled; the waiting one, the
      // two edited ones and the deleted one are queued again.
      assert.deepEqual({ listed: second.counts.listed, settled: second.counts.settled, queued: second.counts.queued, deleted: second.counts.deleted },
        { listed: 7, settled: 3, queued: 4, deleted: 1 })
      await replayed.settle()

      const expected = await endState(live)
      assert.deepEqual(await endState(replayed), expected)
      // The comparison is about something: links moved, one waits, one was removed.
      assert.deepEqual(Object.keys((expected as { values: object }).values).sort(),
        ['mug.image_url', 'tshirt-red.application_image_2', 'tshirt.packshot_image'])
      assert.equal((expected as { links: string[] }).links.filter((l) => l.includes(' waiting ')).length, 1)
    } finally {
      await Promise.all([live.close(), replayed.close()])
    }
  })
})
