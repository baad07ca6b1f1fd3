import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Mapping } from '../../src/config/mapping-schema.js'
import { seedAssetFamilies } from '../fakes/akeneo/asset-seed.js'
import { assetManagerOf } from '../fakes/akeneo/asset-state.js'
import { startLinkWorld, type LinkWorld } from '../handlers/link-harness.js'
import { minutesAgo, replayJob } from './replay-helpers.js'

// import-assets over assets that land in Akeneo asset collections: judged settled from the
// collection registry (issue 14 point 5: cost follows the changed assets, not the listed ones).

const MAPPING: Partial<Mapping> = { derivative_to_use: 'webimage', asset_family_attribute_mappings: { packshots: { title: 'name' } } }

async function withWorld (fn: (w: LinkWorld) => Promise<void>): Promise<void> {
  const world = await startLinkWorld(MAPPING)
  seedAssetFamilies(world.akeneo.state)
  try { await fn(world) } finally { await world.close() }
}

const code = (id: string): string => `bynder_${id.replaceAll('-', '_')}`
const calls = (w: LinkWorld): { akeneo: number, bynder: number } => ({
  akeneo: w.akeneo.requests.filter((r) => !r.path.includes('oauth')).length, bynder: w.bynder.requests.length
})

describe('import-assets replay over asset-collection assets', () => {
  it('queues only the changed ones: 100 listed, 1 edited → 1 task', () => withWorld(async (w) => {
    const n = 100
    const assets = Array.from({ length: n }, (_, i) => w.asset({
      name: `shot-${i}`, dateModified: minutesAgo(30), properties: { akeneo_product_sku: [i % 2 === 0 ? 'sunglasses' : 'mug'], akeneo_asset_type: ['packshots_collection'] }
    }))
    const first = await replayJob(w.app, 'import-assets')
    assert.equal(first.counts.queued, n)
    await w.settle()
    assert.equal((w.value('sunglasses', 'packshots_collection') as string[]).length, n / 2)

    const changed = assets[7]!
    w.edit(changed, {}, { name: 'shot-7 v2' })
    w.akeneo.resetCounters()
    const akeneoBefore = w.akeneo.requests.length
    const before = calls(w)
    const run = await replayJob(w.app, 'import-assets')
    await w.settle()
    const after = calls(w)
    const spent = { akeneo: after.akeneo - before.akeneo, bynder: after.bynder - before.bynder }
    console.log(`# import-assets replay over ${run.counts.listed} listed collection assets, 1 changed: queued ${run.counts.queued}, ` +
      `upstream calls ${spent.akeneo + spent.bynder} (Akeneo ${spent.akeneo}, Bynder ${spent.bynder}) = ${((spent.akeneo + spent.bynder) / run.counts.listed).toFixed(2)} per listed asset`)
    assert.deepEqual({ listed: run.counts.listed, settled: run.counts.settled, queued: run.counts.queued }, { listed: n, settled: n - 1, queued: 1 })
    assert.equal(assetManagerOf(w.akeneo.state).families.get('packshots')?.assets.get(code(changed.id))?.values.title?.[0]?.data, 'shot-7 v2')
    const writes = w.akeneo.requests.slice(akeneoBefore).filter((r) => r.method !== 'GET' && !r.path.includes('oauth'))
    assert.deepEqual(writes.map((r) => `${r.method} ${r.path}`), ['PATCH /api/rest/v1/asset-families/packshots/assets'], 'the edited asset\'s upsert, nothing else')
  }))

  it('a deleted asset whose only links are collection codes is unlinked by the trash pass', () => withWorld(async (w) => {
    const asset = w.asset({ name: 'gone', dateModified: minutesAgo(30), properties: { akeneo_product_sku: ['mug'], akeneo_asset_type: ['packshots_collection'] } })
    await w.notify(asset)
    await w.settle()
    assert.deepEqual(w.value('mug', 'packshots_collection'), [code(asset.id)])
    // The delete webhook was lost: only the replay sees the trash.
    w.bynder.trashAsset(asset.id)
    const run = await replayJob(w.app, 'import-assets')
    assert.deepEqual({ listed: run.counts.listed, deleted: run.counts.deleted, queued: run.counts.queued }, { listed: 1, deleted: 1, queued: 1 })
    await w.settle()
    assert.deepEqual(w.value('mug', 'packshots_collection'), [])
  }))
})
