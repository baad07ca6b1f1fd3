import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { findProductByIdentifier } from '../fakes/akeneo/state.js'
import { addOption, findMetapropertyByName } from '../fakes/bynder/catalog.js'
import type { FakeAsset } from '../fakes/bynder/index.js'
import { TEST_ADMIN_TOKEN } from '../helpers/build-test-app.js'
import { startLinkWorld, type EchoOptions, type LinkWorld, type SettleCounts } from './link-harness.js'

/** A loop would run far more: every figure below is a handful. */
const MAX_TASKS = 12

async function withWorld (fn: (w: LinkWorld) => Promise<void>): Promise<void> {
  const world = await startLinkWorld()
  try { await fn(world) } finally { await world.close() }
}

/** A packshot linked into `sku` by the import direction before any echo; counters reset after. */
async function linkedAsset (w: LinkWorld, sku: string): Promise<FakeAsset> {
  const asset = w.asset({ name: `${sku}-front`, properties: { akeneo_product_sku: [sku], akeneo_asset_type: ['packshot_image'] } })
  await w.notify(asset, 'asset_bank.media.create')
  await w.settle()
  assert.equal(w.uploads(), 1)
  return asset
}

interface Start { counts: SettleCounts, lastEventId: number }

/** Clears the emulators' counters, remembers where the inbox and the counts stand, turns the echo on. */
async function startEcho (w: LinkWorld, options: EchoOptions): Promise<Start> {
  const counts = await w.settleAll()
  w.bynder.writes.length = 0
  w.bynder.requests.length = 0
  w.akeneo.resetCounters()
  const [last] = await w.app.store.listEvents({ limit: 1 })
  w.echo(options)
  return { counts, lastEventId: last?.id ?? 0 }
}

/** Everything the loop tests assert, as one comparable object. */
interface Totals {
  bynderWrites: number
  akeneoUploads: number
  akeneoPatches: number
  /** Handler runs (attempts) since the echo started. */
  tasks: number
  echoes: SettleCounts['echoes']
  /** Deliveries since the echo started: `<source> <event status> <task status>` → count. */
  events: Record<string, number>
}

async function settleAndCount (w: LinkWorld, start: Start): Promise<Totals> {
  const settled = await w.settleAll({ maxTasks: start.counts.tasks + MAX_TASKS })
  const { uploads, patches } = w.akeneoWrites()
  const events: Record<string, number> = {}
  for (const event of await w.app.store.listEvents({ limit: 500 })) {
    if (event.id <= start.lastEventId) continue
    const key = `${event.source} ${event.status} ${event.task?.status ?? '-'}`
    events[key] = (events[key] ?? 0) + 1
  }
  return {
    bynderWrites: w.bynder.writes.length,
    akeneoUploads: uploads,
    akeneoPatches: patches,
    tasks: settled.tasks - start.counts.tasks,
    echoes: { bynder: settled.echoes.bynder - start.counts.echoes.bynder, akeneo: settled.echoes.akeneo - start.counts.echoes.akeneo },
    events
  }
}

/** Nothing pending or running in the inbox, and nothing dead (asked through the admin API). */
async function assertQuiet (w: LinkWorld): Promise<void> {
  assert.equal(await w.app.store.countPending(), 0, 'nothing pending')
  assert.deepEqual(await w.app.store.listEvents({ status: 'running', limit: 10 }), [], 'nothing running')
  const res = await w.app.inject({ method: 'GET', url: '/events?status=dead', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } })
  assert.equal(res.statusCode, 200)
  assert.deepEqual((res.json() as { items: unknown[] }).items, [], 'nothing dead')
}

/** A PIM user's edit: the value changes in Akeneo, then its event arrives through the webhook. */
async function editInAkeneo (w: LinkWorld, sku: string, values: Record<string, unknown>): Promise<void> {
  const product = findProductByIdentifier(w.akeneo.state, sku)!
  for (const [code, data] of Object.entries(values)) {
    product.values[code] = [{ locale: code === 'name' ? 'en_US' : null, scope: null, data }]
  }
  product.updated = Date.now()
  await w.productEvent(product.uuid, 'com.akeneo.pim.v1.product.updated')
}

function shown (w: LinkWorld, asset: FakeAsset, name: string): string[] | string | undefined {
  const mp = findMetapropertyByName(w.bynder.state, name)!
  const value = asset.values[mp.id]
  return typeof value === 'string' || value === undefined ? value : value.map((id) => mp.options.find((o) => o.id === id)!.name)
}

const ignoredAs = async (w: LinkWorld, start: Start): Promise<string[]> =>
  (await w.app.store.listEvents({ status: 'ignored', limit: 50 })).filter((e) => e.id > start.lastEventId).map((e) => e.ignoredReason ?? '')

describe('echo loop: one change in either system settles while both emulators echo every write back', () => {
  it('one Akeneo product update (enriched attribute of a product with a linked asset): one Bynder write, whose echo writes nothing', () => withWorld(async (w) => {
    const asset = await linkedAsset(w, 'mug')
    const start = await startEcho(w, { akeneoAuthor: 'self' })
    await editInAkeneo(w, 'mug', { name: 'Travel mug' })
    assert.deepEqual(await settleAndCount(w, start), {
      bynderWrites: 1,
      akeneoUploads: 0,
      akeneoPatches: 0,
      tasks: 2, // product:mug (enrichment), then the asset's meta_updated echo (links unchanged)
      echoes: { bynder: 1, akeneo: 0 },
      events: { 'akeneo_event_platform accepted done': 1, 'bynder accepted done': 1 }
    })
    assert.equal(shown(w, asset, 'product_name'), 'Travel mug')
    await assertQuiet(w)
  }))

  for (const akeneoAuthor of ['self', 'other'] as const) {
    it(`one Akeneo product update naming a Bynder asset in a text attribute: a round trip through both systems (Akeneo echo author: ${akeneoAuthor})`, () => withWorld(async (w) => {
      addOption(findMetapropertyByName(w.bynder.state, 'akeneo_asset_type')!, { name: 'image_url' })
      const asset = w.asset({ name: 'picked-in-akeneo', isPublic: true })
      const start = await startEcho(w, { akeneoAuthor })
      await editInAkeneo(w, 'mug', { image_url: `https://portal.example.com/media/?mediaId=${asset.id}` })
      const totals = await settleAndCount(w, start)
      // update-properties names mug on the asset (1 Bynder write); its echo links the asset's
      // URL into image_url (1 Akeneo PATCH); that PATCH's echo is ignored (self) or finds
      // nothing to write (other).
      assert.deepEqual(totals, {
        bynderWrites: 1,
        akeneoUploads: 0,
        akeneoPatches: 1,
        tasks: akeneoAuthor === 'self' ? 2 : 3,
        echoes: { bynder: 1, akeneo: 1 },
        events: akeneoAuthor === 'self'
          ? { 'akeneo_event_platform accepted done': 1, 'akeneo_event_platform ignored -': 1, 'bynder accepted done': 1 }
          : { 'akeneo_event_platform accepted done': 2, 'bynder accepted done': 1 }
      })
      assert.deepEqual(shown(w, asset, 'akeneo_product_sku'), ['mug'])
      assert.deepEqual(shown(w, asset, 'akeneo_asset_type'), ['image_url'])
      assert.match(String(w.value('mug', 'image_url')), /\/original\/picked-in-akeneo\.jpg$/)
      if (akeneoAuthor === 'self') assert.deepEqual(await ignoredAs(w, start), [`authored by this service (${w.akeneo.client.username})`])
      await assertQuiet(w)
    }))

    it(`one Bynder change: an asset retagged from mug to sunglasses (Akeneo echo author: ${akeneoAuthor})`, () => withWorld(async (w) => {
      const asset = await linkedAsset(w, 'mug')
      const start = await startEcho(w, { akeneoAuthor })
      w.edit(asset, { akeneo_product_sku: ['sunglasses'] })
      await w.notify(asset, 'asset_bank.media.meta_updated')
      const totals = await settleAndCount(w, start)
      if (akeneoAuthor === 'self') {
        // Upload into sunglasses, unlink from mug; both echoes are the service's own: ignored.
        assert.deepEqual(totals, {
          bynderWrites: 0,
          akeneoUploads: 1,
          akeneoPatches: 1,
          tasks: 1,
          echoes: { bynder: 0, akeneo: 2 },
          events: { 'akeneo_event_platform ignored -': 2, 'bynder accepted done': 1 }
        })
        assert.deepEqual(await ignoredAs(w, start), Array(2).fill(`authored by this service (${w.akeneo.client.username})`))
      } else {
        // The two echoes run the product handler: sunglasses enriches the asset (1 Bynder
        // write, whose echo changes no link), mug no longer has it (nothing to write).
        assert.deepEqual(totals, {
          bynderWrites: 1,
          akeneoUploads: 1,
          akeneoPatches: 1,
          tasks: 4,
          echoes: { bynder: 1, akeneo: 2 },
          events: { 'akeneo_event_platform accepted done': 2, 'bynder accepted done': 2 }
        })
        assert.equal(shown(w, asset, 'product_name'), 'Sunglasses')
      }
      assert.equal(w.value('mug', 'packshot_image'), null)
      assert.notEqual(w.value('sunglasses', 'packshot_image'), null)
      await assertQuiet(w)
    }))
  }

  it('both starts at once, every echo processed (author other): the totals add up and the inbox drains', () => withWorld(async (w) => {
    const enriched = await linkedAsset(w, 'mug')
    const retagged = w.asset({ name: 'shades', properties: { akeneo_product_sku: ['tshirt-red'], akeneo_asset_type: ['application'] } })
    await w.notify(retagged, 'asset_bank.media.create')
    await w.settle()
    const start = await startEcho(w, { akeneoAuthor: 'other' })
    await editInAkeneo(w, 'mug', { name: 'Travel mug' })
    w.edit(retagged, { akeneo_product_sku: ['sunglasses'], akeneo_asset_type: ['packshot_image'] })
    await w.notify(retagged, 'asset_bank.media.meta_updated')
    assert.deepEqual(await settleAndCount(w, start), {
      bynderWrites: 2,
      akeneoUploads: 1,
      akeneoPatches: 1,
      tasks: 6,
      echoes: { bynder: 2, akeneo: 2 },
      events: { 'akeneo_event_platform accepted done': 3, 'bynder accepted done': 3 }
    })
    assert.equal(shown(w, enriched, 'product_name'), 'Travel mug')
    assert.equal(shown(w, retagged, 'product_name'), 'Sunglasses')
    assert.equal(w.value('tshirt-red', 'application_image_1'), null)
    await assertQuiet(w)
  }))

  // Tasks are serialised per product, not per asset: the two products' echo tasks run
  // concurrently on the shared asset while Bynder applies posts late. The write log's
  // compare-and-set makes the second re-plan over the first's logged set.
  it('an asset shared by two products, linked from Bynder with every echo processed: one enrichment write', () => withWorld(async (w) => {
    const start = await startEcho(w, { akeneoAuthor: 'other' })
    const asset = w.asset({ name: 'shared', properties: { akeneo_product_sku: ['tshirt-red', 'tshirt-blue'], akeneo_asset_type: ['application'] } })
    await w.notify(asset, 'asset_bank.media.create')
    const totals = await settleAndCount(w, start)
    assert.deepEqual([...shown(w, asset, 'colors') ?? []].sort(), ['blue', 'red'])
    await assertQuiet(w)
    assert.equal(totals.akeneoUploads, 2)
    assert.equal(totals.bynderWrites, 1, 'one post: the second task finds the set in place')
  }))
})
