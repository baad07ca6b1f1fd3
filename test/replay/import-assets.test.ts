import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { startLinkWorld, type LinkWorld } from '../handlers/link-harness.js'
import { auth, getRun, minutesAgo, replayJob } from './replay-helpers.js'

async function withWorld (fn: (w: LinkWorld) => Promise<void>): Promise<void> {
  const world = await startLinkWorld()
  try { await fn(world) } finally { await world.close() }
}

const mediaBytes = (w: LinkWorld, code: unknown): string => w.akeneo.state.mediaFiles.get(code as string)?.bytes.toString() ?? '(none)'
const listCalls = (w: LinkWorld): Array<Record<string, unknown>> => w.bynder.requests.filter((r) => r.method === 'GET' && r.path === '/api/v4/media/').map((r) => r.query)

describe('import-assets replay against the emulators', () => {
  it('links the assets modified in the window and leaves older ones alone', () => withWorld(async (w) => {
    const recent = w.asset({ name: 'recent', dateModified: minutesAgo(10), properties: { akeneo_product_sku: ['mug'], akeneo_asset_type: ['packshot_image'] } })
    w.asset({ name: 'older', dateModified: minutesAgo(90), properties: { akeneo_product_sku: ['sunglasses'], akeneo_asset_type: ['packshot_image'] } })
    const run = await replayJob(w.app, 'import-assets', { max_updated_time_in_minutes: 60 })
    assert.equal(run.status, 'done')
    assert.deepEqual({ listed: run.counts.listed, settled: run.counts.settled, queued: run.counts.queued }, { listed: 1, settled: 0, queued: 1 })
    await w.settle()
    assert.equal(mediaBytes(w, w.value('mug', 'packshot_image')), `original bytes of ${recent.id}`)
    assert.equal(w.value('sunglasses', 'packshot_image'), null)
    assert.deepEqual((await getRun(w.app, run.id)).tasks, { pending: 0, running: 0, done: 1, dead: 0 })
    const events = await w.app.inject({ method: 'GET', url: '/events?source=replay', headers: auth })
    assert.equal(events.statusCode, 200)
    assert.deepEqual((events.json() as { items: Array<{ task: { entityId: string, status: string } }> }).items.map((e) => [e.task.entityId, e.task.status]), [[recent.id, 'done']],
      'a replayed entity is visible in the inbox like any other delivery')

    const calls = listCalls(w)
    assert.deepEqual(calls.map((q) => `${String(q.archive)}/${String(q.limited)}`), ['0/undefined', '0/1', '1/undefined', '1/1'], 'archived and limited-usage assets in passes of their own')
    for (const query of calls) {
      assert.match(String(query.dateModified), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
      assert.equal(query.orderBy, 'dateModified asc')
      assert.equal(query.limit, '1000')
    }
    const since = Date.parse(String(calls[0]!.dateModified))
    assert.ok(Math.abs(since - (Date.now() - 60 * 60_000)) < 60_000, 'the window starts 60 minutes back')
  }))

  it('a settled asset costs no call beyond the list pages, and queues nothing', () => withWorld(async (w) => {
    const asset = w.asset({ name: 'settled', dateModified: minutesAgo(10), properties: { akeneo_product_sku: ['mug', 'sunglasses'], akeneo_model_code: ['tshirt'], akeneo_asset_type: ['packshot_image'] } })
    await w.notify(asset, 'asset_bank.media.create')
    await w.settle()
    const [bynderBefore, akeneoBefore] = [w.bynder.requests.length, w.akeneo.requests.length]
    const run = await replayJob(w.app, 'import-assets')
    assert.deepEqual({ listed: run.counts.listed, settled: run.counts.settled, queued: run.counts.queued }, { listed: 1, settled: 1, queued: 0 })
    assert.deepEqual(w.bynder.requests.slice(bynderBefore).map((r) => `${r.method} ${r.path}`),
      [...Array(4).fill('GET /api/v4/media/'), 'GET /api/trash/media'])
    assert.deepEqual(w.akeneo.requests.slice(akeneoBefore).map((r) => `${r.method} ${r.path}`), [])
    assert.equal(await w.app.store.countPending(), 0)
  }))

  it('an asset edited since it was linked is planned from the listed data and relinked', () => withWorld(async (w) => {
    const asset = w.asset({ name: 'moved', dateModified: minutesAgo(20), properties: { akeneo_product_sku: ['mug'], akeneo_asset_type: ['packshot_image'] } })
    await w.notify(asset)
    await w.settle()
    w.edit(asset, { akeneo_product_sku: ['sunglasses'] })
    const run = await replayJob(w.app, 'import-assets')
    assert.equal(run.counts.queued, 1)
    await w.settle()
    assert.equal(w.value('mug', 'packshot_image'), null)
    assert.equal(mediaBytes(w, w.value('sunglasses', 'packshot_image')), `original bytes of ${asset.id}`)
    assert.deepEqual((await w.links(`?asset=${asset.id}`)).map((l) => [l.target_code, l.asset_date_modified]), [['sunglasses', asset.dateModified]])
  }))

  it('unlinks assets deleted in the window (from the trash); a deleted asset with no links queues nothing', () => withWorld(async (w) => {
    const linked = w.asset({ name: 'gone', dateModified: minutesAgo(30), properties: { akeneo_product_sku: ['mug'], akeneo_asset_type: ['packshot_image'] } })
    const never = w.asset({ name: 'never-linked', dateModified: minutesAgo(30) })
    await w.notify(linked)
    await w.settle()
    w.bynder.trashAsset(linked.id)
    w.bynder.trashAsset(never.id)
    const run = await replayJob(w.app, 'import-assets')
    assert.deepEqual({ listed: run.counts.listed, settled: run.counts.settled, queued: run.counts.queued, deleted: run.counts.deleted }, { listed: 2, settled: 1, queued: 1, deleted: 1 })
    const trash = w.bynder.requests.find((r) => r.path === '/api/trash/media')
    assert.match(String(trash?.query.dateRemoved), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
    await w.settle()
    assert.equal(w.value('mug', 'packshot_image'), null)
    assert.deepEqual(await w.links(`?asset=${linked.id}`), [])
    const [event] = await w.app.store.listEvents({ limit: 1 })
    assert.deepEqual([event?.source, event?.type, event?.task?.status], ['replay', 'asset_bank.media.deleted', 'done'])
  }))

  it('POST /replay reads a trash longer than the server\'s page cap (a short page is not the end) and unlinks every deleted asset', () => withWorld(async (w) => {
    w.bynder.settings.trashMaxLimit = 2
    const targets = [['mug', 'packshot_image'], ['sunglasses', 'packshot_image'], ['tshirt-red', 'application']] as const
    const gone = targets.map(([sku, type], i) => w.asset({ name: `gone-${i}`, dateModified: minutesAgo(30), properties: { akeneo_product_sku: [sku], akeneo_asset_type: [type] } }))
    for (const asset of gone) await w.notify(asset)
    await w.settle()
    for (const [i, asset] of gone.entries()) w.bynder.trashAsset(asset.id, new Date(Date.now() - (5 - i) * 60_000))
    for (let i = 0; i < 3; i++) w.bynder.trashAsset(w.asset({ name: `never-${i}`, dateModified: minutesAgo(30) }).id)
    const run = await replayJob(w.app, 'import-assets')
    assert.equal(run.status, 'done', run.error ?? '')
    assert.deepEqual({ listed: run.counts.listed, deleted: run.counts.deleted }, { listed: 6, deleted: 3 })
    const pages = w.bynder.requests.filter((r) => r.path === '/api/trash/media')
    assert.deepEqual(pages.map((r) => r.query.page), ['1', '2', '3', '4'], 'three capped pages of two, then the empty one')
    await w.settle()
    for (const [sku, type] of targets) assert.equal(w.value(sku, type === 'application' ? 'application_image_1' : type), null, sku)
  }))

  it('links a limited-usage asset, which Bynder may leave out of a listing without limited=1', () => withWorld(async (w) => {
    const limited = w.asset({ name: 'limited', limited: true, dateModified: minutesAgo(10), properties: { akeneo_product_sku: ['mug'], akeneo_asset_type: ['packshot_image'] } })
    const run = await replayJob(w.app, 'import-assets')
    assert.deepEqual({ listed: run.counts.listed, queued: run.counts.queued }, { listed: 1, queued: 1 })
    await w.settle()
    assert.equal(mediaBytes(w, w.value('mug', 'packshot_image')), `original bytes of ${limited.id}`)
  }))
})
