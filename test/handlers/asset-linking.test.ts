import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { findProductByIdentifier } from '../fakes/akeneo/state.js'
import { DEFAULT_FAKE_TOKEN } from '../fakes/bynder/index.js'
import { startLinkWorld, type LinkWorld } from './link-harness.js'

async function withWorld (fn: (w: LinkWorld) => Promise<void>, mapping: Parameters<typeof startLinkWorld>[0] = {}): Promise<void> {
  const world = await startLinkWorld(mapping)
  try { await fn(world) } finally { await world.close() }
}

const mediaBytes = (w: LinkWorld, code: unknown): string => w.akeneo.state.mediaFiles.get(code as string)?.bytes.toString() ?? '(none)'
async function lastTask (w: LinkWorld): Promise<{ status: string, outcome: string | null, lastError: string | null }> {
  const [event] = await w.app.store.listEvents({ limit: 1 })
  return event!.task!
}

describe('asset links through POST /webhooks/bynder against the emulators', () => {
  it('links one asset into several products and a product model, streaming the original', () => withWorld(async (w) => {
    const asset = w.asset({ name: 'front', properties: { akeneo_product_sku: ['sunglasses', 'mug'], akeneo_model_code: ['tshirt'], akeneo_asset_type: ['packshot_image'] } })
    await w.notify(asset, 'asset_bank.media.create')
    await w.settle()
    assert.equal((await lastTask(w)).status, 'done')
    for (const target of ['sunglasses', 'mug', 'tshirt']) {
      assert.equal(mediaBytes(w, w.value(target, 'packshot_image')), `original bytes of ${asset.id}`, target)
    }
    assert.equal(w.uploads(), 3)
    const links = await w.links(`?asset=${asset.id}`)
    assert.deepEqual(links.map((l) => `${l.target_type}:${l.target_code}:${l.attribute}:${l.status}`).sort(),
      ['product:mug:packshot_image:linked', 'product:sunglasses:packshot_image:linked', 'product_model:tshirt:packshot_image:linked'])
    assert.equal((await w.links('?product=mug')).length, 1)
  }))

  it('puts sortable assets in the slot of their sort order (none = slot 1)', () => withWorld(async (w) => {
    const first = w.asset({ name: 'life-1', properties: { akeneo_product_sku: ['tshirt-red'], akeneo_asset_type: ['application'] } })
    const third = w.asset({ name: 'life-3', properties: { akeneo_product_sku: ['tshirt-red'], akeneo_asset_type: ['application'], akeneo_sort_order: '3' } })
    await w.notify(first)
    await w.notify(third)
    await w.settle()
    assert.equal(mediaBytes(w, w.value('tshirt-red', 'application_image_1')), `original bytes of ${first.id}`)
    assert.equal(w.value('tshirt-red', 'application_image_2'), null)
    assert.equal(mediaBytes(w, w.value('tshirt-red', 'application_image_3')), `original bytes of ${third.id}`)
  }))

  it('uses the configured derivative: its file for images, its URL for text attributes', () => withWorld(async (w) => {
    const image = w.asset({ name: 'web', properties: { akeneo_product_sku: ['mug'], akeneo_asset_type: ['packshot_image'] } })
    const url = w.asset({ name: 'url', properties: { akeneo_product_sku: ['mug'], akeneo_asset_type: ['image_url'] } })
    await w.notify(image)
    await w.notify(url)
    await w.settle()
    assert.equal(mediaBytes(w, w.value('mug', 'packshot_image')), `derivative webimage of ${image.id}`)
    assert.match(String(w.value('mug', 'image_url')), /^http:\/\/127\.0\.0\.1:\d+\/.*webimage-.*\.png$/)
  }, { derivative_to_use: 'webimage' }))

  it('a non-public original cannot go into a text attribute: the task is dead with that reason', () => withWorld(async (w) => {
    const asset = w.asset({ name: 'private', isPublic: false, properties: { akeneo_product_sku: ['mug'], akeneo_asset_type: ['image_url'] } })
    await w.notify(asset)
    await w.settle()
    const task = await lastTask(w)
    assert.equal(task.status, 'dead')
    assert.match(task.lastError ?? '', /derivative_to_use/)
    assert.equal(w.value('mug', 'image_url'), null)
  }))

  it('re-delivery and a later meta_updated for an unchanged asset upload nothing again', () => withWorld(async (w) => {
    const asset = w.asset({ name: 'once', properties: { akeneo_product_sku: ['mug'], akeneo_asset_type: ['packshot_image'] } })
    const messageId = await w.notify(asset, 'asset_bank.media.create')
    await w.settle()
    await w.notify(asset, 'asset_bank.media.create', messageId)
    await w.notify(asset, 'asset_bank.media.meta_updated')
    await w.settle()
    assert.equal(w.uploads(), 1)
    assert.match((await lastTask(w)).outcome ?? '', /0 written, 0 waiting, 1 unchanged/)
  }))

  it('archiving unlinks (asset_unlink_after_archiving: true)', () => withWorld(async (w) => {
    const asset = w.asset({ name: 'arch', properties: { akeneo_product_sku: ['mug'], akeneo_asset_type: ['packshot_image'] } })
    await w.notify(asset)
    await w.settle()
    w.edit(asset, {}, { archive: true })
    await w.notify(asset, 'asset_bank.media.archived')
    await w.settle()
    assert.equal(w.value('mug', 'packshot_image'), null)
    assert.deepEqual(await w.links(`?asset=${asset.id}`), [])
  }))

  it('archiving does not unlink when asset_unlink_after_archiving is false', () => withWorld(async (w) => {
    const asset = w.asset({ name: 'arch', properties: { akeneo_product_sku: ['mug'], akeneo_asset_type: ['packshot_image'] } })
    await w.notify(asset)
    await w.settle()
    w.edit(asset, {}, { archive: true })
    await w.notify(asset, 'asset_bank.media.archived')
    await w.settle()
    assert.equal(mediaBytes(w, w.value('mug', 'packshot_image')), `original bytes of ${asset.id}`)
    assert.deepEqual((await w.links(`?asset=${asset.id}`)).map((l) => l.status), ['linked'])
  }, { asset_unlink_after_archiving: false }))

  it('a 403 on the original of a watermarked asset kills the task with the missing role named', () => withWorld(async (w) => {
    w.bynder.state.tokens.get(DEFAULT_FAKE_TOKEN)!.delete('DOWNLOADWATERMARK')
    const asset = w.asset({ name: 'marked', watermarked: true, properties: { akeneo_product_sku: ['mug'], akeneo_asset_type: ['packshot_image'] } })
    await w.notify(asset)
    await w.settle()
    const [event] = await w.app.store.listEvents({ limit: 1 })
    assert.equal(event?.task?.status, 'dead')
    assert.equal(event?.task?.attempts, 1, 'a rights problem is not retried')
    assert.match(event?.task?.lastError ?? '', /403.*needs the role\(s\) MEDIAHIGHRES, DOWNLOADWATERMARK \(watermarked asset\)/)
    assert.equal(w.value('mug', 'packshot_image'), null)
  }))

  it('deleting unlinks everything registered, without reading the asset', () => withWorld(async (w) => {
    const asset = w.asset({ name: 'gone', properties: { akeneo_product_sku: ['mug', 'sunglasses'], akeneo_asset_type: ['packshot_image'] } })
    await w.notify(asset)
    await w.settle()
    w.bynder.trashAsset(asset.id)
    const reads = w.bynder.requests.length
    await w.notify(asset, 'asset_bank.media.deleted')
    await w.settle()
    assert.equal(w.value('mug', 'packshot_image'), null)
    assert.equal(w.value('sunglasses', 'packshot_image'), null)
    assert.equal(w.bynder.requests.length, reads)
  }))

  it('removing one identifier unlinks only that product', () => withWorld(async (w) => {
    const asset = w.asset({ name: 'two', properties: { akeneo_product_sku: ['mug', 'sunglasses'], akeneo_asset_type: ['packshot_image'] } })
    await w.notify(asset)
    await w.settle()
    w.edit(asset, { akeneo_product_sku: ['sunglasses'] })
    await w.notify(asset)
    await w.settle()
    assert.equal(w.value('mug', 'packshot_image'), null)
    assert.equal(mediaBytes(w, w.value('sunglasses', 'packshot_image')), `original bytes of ${asset.id}`)
    assert.deepEqual((await w.links(`?asset=${asset.id}`)).map((l) => l.target_code), ['sunglasses'])
  }))

  it('changing the asset type moves the link to the other attribute', () => withWorld(async (w) => {
    const asset = w.asset({ name: 'move', properties: { akeneo_product_sku: ['tshirt-red'], akeneo_asset_type: ['application'] } })
    await w.notify(asset)
    await w.settle()
    w.edit(asset, { akeneo_sort_order: '2' })
    await w.notify(asset)
    await w.settle()
    assert.equal(w.value('tshirt-red', 'application_image_1'), null)
    assert.equal(mediaBytes(w, w.value('tshirt-red', 'application_image_2')), `original bytes of ${asset.id}`)
  }))

  it('a value replaced by hand in Akeneo is not cleared by a later unlink', () => withWorld(async (w) => {
    const asset = w.asset({ name: 'hand', properties: { akeneo_product_sku: ['mug'], akeneo_asset_type: ['packshot_image'] } })
    await w.notify(asset)
    await w.settle()
    findProductByIdentifier(w.akeneo.state, 'mug')!.values.packshot_image = [{ locale: null, scope: null, data: 'h/a/n/d/by-hand.jpg' }]
    w.edit(asset, { akeneo_product_sku: null })
    await w.notify(asset)
    await w.settle()
    assert.equal(w.value('mug', 'packshot_image'), 'h/a/n/d/by-hand.jpg')
    assert.deepEqual(await w.links(`?asset=${asset.id}`), [])
  }))

  it('a product that does not exist yet waits, and its creation event links it', () => withWorld(async (w) => {
    const asset = w.asset({ name: 'early', properties: { akeneo_product_sku: ['cap'], akeneo_asset_type: ['packshot_image'] } })
    await w.notify(asset)
    await w.settle()
    assert.equal(w.uploads(), 0)
    assert.equal(findProductByIdentifier(w.akeneo.state, 'cap'), undefined, 'never created by us')
    assert.deepEqual((await w.links('?product=cap')).map((l) => l.status), ['waiting'])
    const { addProduct } = await import('../fakes/akeneo/seed.js')
    const product = addProduct(w.akeneo.state, { identifier: 'cap', family: 'accessories' })
    await w.productEvent(product.uuid)
    await w.settle()
    assert.equal(mediaBytes(w, w.value('cap', 'packshot_image')), `original bytes of ${asset.id}`)
    assert.deepEqual((await w.links('?product=cap')).map((l) => l.status), ['linked'])
  }))

  it('Akeneo 429 and 500 during a link end in success, uploaded once', () => withWorld(async (w) => {
    const asset = w.asset({ name: 'flaky', properties: { akeneo_product_sku: ['mug'], akeneo_asset_type: ['packshot_image'] } })
    w.akeneo.failNext({ status: 429, retryAfterSeconds: 0 })
    w.akeneo.failNext({ status: 500, count: 2 })
    await w.notify(asset)
    await w.settle()
    assert.equal((await lastTask(w)).status, 'done')
    assert.equal(mediaBytes(w, w.value('mug', 'packshot_image')), `original bytes of ${asset.id}`)
    assert.equal(w.akeneo.requests.filter((r) => r.path === '/api/rest/v1/media-files' && r.status === 201).length, 1)
  }))
})

describe('asset link failures', () => {
  it('a permanent problem beside a placed link: the task is done and its outcome names the problem', () => withWorld(async (w) => {
    const asset = w.asset({ name: 'half', properties: { akeneo_product_sku: ['mug'], akeneo_asset_type: ['packshot_image', 'no_such_attribute'] } })
    await w.notify(asset)
    await w.settle()
    const task = await lastTask(w)
    assert.equal(task.status, 'done')
    assert.match(task.outcome ?? '', /1 written.*no_such_attribute/)
    assert.equal(mediaBytes(w, w.value('mug', 'packshot_image')), `original bytes of ${asset.id}`)
  }))

  it('an Akeneo 422 (file type refused) makes the task dead at once with Akeneo\'s reason', () => withWorld(async (w) => {
    const asset = w.asset({ name: 'manual', extension: ['jpg'], properties: { akeneo_product_sku: ['tshirt-red'], akeneo_asset_type: ['manual_pdf'] } })
    await w.notify(asset)
    await w.settle()
    const task = await lastTask(w)
    assert.equal(task.status, 'dead')
    assert.match(task.lastError ?? '', /extension/)
    assert.deepEqual(await w.links(`?asset=${asset.id}`), [])
  }))
})

describe('derivatives not rendered yet', () => {
  it('retries the asset until Bynder has rendered the derivative, then links it', () => withWorld(async (w) => {
    const asset = w.asset({ name: 'fresh', properties: { akeneo_product_sku: ['mug'], akeneo_asset_type: ['packshot_image'] } })
    await w.notify(asset, 'asset_bank.media.create')
    await w.app.worker.drain()
    const waiting = await lastTask(w)
    assert.equal(waiting.status, 'pending')
    assert.match(waiting.lastError ?? '', /LinkNotReadyError.*Akeneo_1200/)
    asset.derivatives.Akeneo_1200 = { itemId: 'ITEM-1200', fileName: 'Akeneo_1200-fresh.png', bytes: Buffer.from('rendered 1200') }
    await w.settle()
    assert.equal((await lastTask(w)).status, 'done')
    assert.equal(mediaBytes(w, w.value('mug', 'packshot_image')), 'rendered 1200')
  }, { derivative_to_use: 'Akeneo_1200' }))
})
