import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { startLinkWorld, type LinkWorld } from './link-harness.js'

async function withWorld (fn: (w: LinkWorld) => Promise<void>): Promise<void> {
  const world = await startLinkWorld()
  try { await fn(world) } finally { await world.close() }
}

/** Makes the next `count` link-registry saves fail, as a process dying right after the upload would leave it. */
function failRegistrySaves (w: LinkWorld, count: number): void {
  const links = w.app.store.links
  const save = links.save.bind(links)
  let left = count
  links.save = async (record) => {
    if (left-- > 0) throw new Error('SQLITE_BUSY: database is locked')
    await save(record)
  }
}
const productReads = (w: LinkWorld): number => w.akeneo.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/api/rest/v1/products/')).length
const lastTask = async (w: LinkWorld) => (await w.app.store.listEvents({ limit: 1 }))[0]!.task!

describe('an upload retried after its result was lost is not made twice', () => {
  it('the retry finds the file it uploaded in the slot (same bytes) and records it instead of uploading again', () => withWorld(async (w) => {
    const asset = w.asset({ name: 'front', properties: { akeneo_product_sku: ['sunglasses'], akeneo_asset_type: ['packshot_image'] } })
    failRegistrySaves(w, 1)
    await w.notify(asset, 'asset_bank.media.create')
    await w.settle()
    const task = await lastTask(w)
    assert.equal(task.status, 'done', task.lastError ?? '')
    assert.equal(task.attempts, 2)
    assert.equal(w.uploads(), 1, 'one upload across both attempts')
    assert.equal(w.akeneo.state.mediaFiles.size, 1, 'no orphan media file')
    const [link] = await w.links(`?asset=${asset.id}`)
    assert.equal(link!.value, w.value('sunglasses', 'packshot_image'))
    assert.equal(link!.status, 'linked')
  }))

  it('a first attempt adds no read for the check: one read of the target, one upload', () => withWorld(async (w) => {
    const asset = w.asset({ name: 'side', properties: { akeneo_product_sku: ['mug'], akeneo_asset_type: ['packshot_image'] } })
    const reads = productReads(w)
    await w.notify(asset, 'asset_bank.media.create')
    await w.settle()
    const task = await lastTask(w)
    assert.equal(task.status, 'done')
    assert.equal(task.attempts, 1)
    assert.equal(w.akeneoWrites().uploads, 1)
    assert.ok(productReads(w) - reads <= 1, `${productReads(w) - reads} product reads`)
  }))
})
