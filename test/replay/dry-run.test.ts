import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { startLinkWorld, type LinkWorld } from '../handlers/link-harness.js'
import { auth, minutesAgo, replayJob } from './replay-helpers.js'

async function withWorld (fn: (w: LinkWorld) => Promise<void>): Promise<void> {
  const world = await startLinkWorld()
  try { await fn(world) } finally { await world.close() }
}

/** Everything that would show a write: upstream requests other than reads, the inbox, the registry. */
async function footprint (w: LinkWorld): Promise<unknown> {
  return {
    akeneoWrites: w.akeneo.requests.filter((r) => r.method !== 'GET' && r.path !== '/api/oauth/v1/token').length,
    bynderWrites: w.bynder.requests.filter((r) => r.method !== 'GET').length + w.bynder.writes.length,
    events: (await w.app.store.listEvents({ limit: 500 })).length,
    links: await w.links()
  }
}

describe('dry runs (POST /replay with dry_run: true)', () => {
  it('import-assets writes nothing, queues nothing, and reports the uploads and unlinks it would make', () => withWorld(async (w) => {
    const linked = w.asset({ name: 'was-linked', dateModified: minutesAgo(30), properties: { akeneo_product_sku: ['sunglasses'], akeneo_asset_type: ['packshot_image'] } })
    await w.notify(linked)
    await w.settle()
    w.edit(linked, { akeneo_product_sku: null })
    const fresh = w.asset({ name: 'fresh', dateModified: minutesAgo(5), properties: { akeneo_product_sku: ['mug'], akeneo_asset_type: ['packshot_image'] } })
    const before = await footprint(w)

    const run = await replayJob(w.app, 'import-assets', { dry_run: true })
    assert.equal(run.status, 'done')
    assert.deepEqual(await footprint(w), before)
    assert.equal(await w.app.store.countPending(), 0)
    assert.equal(w.value('sunglasses', 'packshot_image') !== null, true, 'still linked')
    assert.deepEqual({ listed: run.counts.listed, queued: run.counts.queued, planned: run.counts.planned, planned_writes: run.counts.planned_writes, failed: run.counts.failed },
      { listed: 2, queued: 0, planned: 2, planned_writes: 2, failed: 0 })
    assert.deepEqual(run.planned?.writes.map((write) => [write.system, write.operation, write.entity]).sort(),
      [['akeneo', 'unlink', 'product sunglasses'], ['akeneo', 'upload', 'product mug']])
    assert.match(run.planned!.writes.find((write) => write.operation === 'upload')!.detail, new RegExp(`packshot_image ← asset ${fresh.id}`))
    assert.deepEqual([run.planned?.omitted, run.planned?.errors], [0, []])
  }))

  /** A product in the window whose linked asset lacks the enriched name. */
  async function enrichable (w: LinkWorld): Promise<string> {
    const asset = w.asset({ name: 'mug-shot', properties: { akeneo_product_sku: ['mug'], akeneo_asset_type: ['packshot_image'] } })
    await w.notify(asset, 'asset_bank.media.create')
    await w.settle()
    return asset.id
  }

  it('update-mapped-properties plans the product in-process and makes no write', () => withWorld(async (w) => {
    await enrichable(w)
    const before = await footprint(w)
    const run = await replayJob(w.app, 'update-mapped-properties', { dry_run: true })
    assert.deepEqual(await footprint(w), before)
    assert.deepEqual([run.counts.listed, run.counts.planned, run.counts.queued, run.counts.failed], [1, 1, 0, 0])
  }))

  it('update-mapped-properties reports the Bynder write it would make', () => withWorld(async (w) => {
    const assetId = await enrichable(w)
    const run = await replayJob(w.app, 'update-mapped-properties', { dry_run: true })
    const write = run.planned?.writes.find((candidate) => candidate.system === 'bynder')
    assert.equal(write?.entity, `asset ${assetId}`)
    assert.match(write?.detail ?? '', /product_name/)
  }))

  it('a dry run does not block a real run of the same job, and is not blocked by one', () => withWorld(async (w) => {
    w.bynder.settings.latencyMs = 150
    const post = async (body: Record<string, unknown>): Promise<number> =>
      (await w.app.inject({ method: 'POST', url: '/replay', headers: auth, payload: { jobs: ['import-assets'], ...body } })).statusCode
    assert.equal(await post({}), 202)
    assert.equal(await post({ dry_run: true }), 202)
    assert.equal(await post({}), 409, 'the real run is still listing')
  }))
})
