import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { UnsupportedAkeneoError } from '../../src/clients/akeneo/index.js'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startHarness } from '../fakes/akeneo/harness.js'
import { startFakeAkeneo, type FakeAkeneoOptions } from '../fakes/akeneo/index.js'
import { startFakeBynder } from '../fakes/bynder/index.js'
import { emulatorEnv } from '../fakes/connector-env.js'
import { runCli } from '../helpers/run-cli.js'
import { findProductByIdentifier } from '../fakes/akeneo/state.js'
import { startLinkWorld, type LinkWorld } from './link-harness.js'

async function withWorld (akeneo: FakeAkeneoOptions, fn: (w: LinkWorld) => Promise<void>): Promise<void> {
  const world = await startLinkWorld({}, { akeneo })
  try { await fn(world) } finally { await world.close() }
}

async function lastTask (w: LinkWorld): Promise<{ status: string, lastError: string | null }> {
  const [event] = await w.app.store.listEvents({ limit: 1 })
  return event!.task!
}

const packshot = { akeneo_product_sku: ['mug'], akeneo_asset_type: ['packshot_image'] }

describe('EE rights: a write that becomes a draft is not recorded as a link', () => {
  it('edit without own: the upload is answered 201 but not applied — read back, not recorded, the task says which right is missing; then refused without a write', () => withWorld({ edition: 'EE', defaultRight: 'edit' }, async (w) => {
    const asset = w.asset({ name: 'drafted', properties: packshot })
    await w.notify(asset)
    await w.settle()
    const task = await lastTask(w)
    assert.equal(task.status, 'dead')
    assert.match(task.lastError ?? '', /saved as a draft.*can edit but not own.*"own" rights/)
    assert.deepEqual(await w.links(`?asset=${asset.id}`), [])
    assert.equal(findProductByIdentifier(w.akeneo.state, 'mug')?.values.packshot_image, undefined)
    assert.equal(w.uploads(), 1)

    // Now a draft exists: the product's workflow status says so before any write.
    w.edit(asset, { akeneo_asset_type: ['packshot_image'] }, { name: 'drafted again' })
    await w.notify(asset)
    await w.settle()
    assert.match((await lastTask(w)).lastError ?? '', /does not own it \(workflow status draft_in_progress\)/)
    assert.equal(w.uploads(), 1, 'no second upload')
  }))

  it('own rights on EE: linked and recorded; only the first link into a product is read back', () => withWorld({ edition: 'EE' }, async (w) => {
    const slot = (n: string): Record<string, string[] | string> => ({ akeneo_product_sku: ['tshirt-red'], akeneo_asset_type: ['application'], akeneo_sort_order: n })
    const first = w.asset({ name: 'owned-1', properties: slot('1') })
    await w.notify(first)
    await w.settle()
    assert.equal((await lastTask(w)).status, 'done')
    const reads = (): number => w.akeneo.requests.filter((r) => r.method === 'GET' && r.path === '/api/rest/v1/products/tshirt-red').length
    assert.equal(reads(), 2, 'the target read and one read-back')
    assert.equal((await w.links(`?asset=${first.id}`)).length, 1)
    const second = w.asset({ name: 'owned-2', properties: slot('2') })
    await w.notify(second)
    await w.settle()
    assert.equal((await lastTask(w)).status, 'done', (await lastTask(w)).lastError ?? '')
    assert.equal(reads(), 3, 'the target read only: the product already holds a confirmed link')
  }))

  it('CE: no read-back at all', () => withWorld({}, async (w) => {
    await w.notify(w.asset({ name: 'ce', properties: packshot }))
    await w.settle()
    assert.equal(w.akeneo.requests.filter((r) => r.method === 'GET' && r.path === '/api/rest/v1/products/mug').length, 1)
  }))
})

describe('Akeneo before 7.0', () => {
  it('the cron-style jobs and serve refuse to run against it, naming what is supported', async () => {
    const [akeneo, bynder] = await Promise.all([startFakeAkeneo({ version: '6.0' }), startFakeBynder()])
    const dir = mkdtempSync(join(tmpdir(), 'connector-pre7-'))
    try {
      const run = await runCli(['update-properties'], { env: { ...emulatorEnv(akeneo, bynder, dir), MAPPINGS_FILE: resolve('mappings/bynder_attribute_mappings.yml') } })
      assert.equal(run.code, 1, run.stdout + run.stderr)
      assert.match(run.stderr, /cannot start\.\nAkeneo \(http:\/\/127\.0\.0\.1:\d+\): this Akeneo has no \/api\/rest\/v1\/products-uuid routes \(it reports version 6\.0\.28, edition CE\): the connector needs Akeneo 7\.0 or later/)
      assert.equal(run.stdout, '')
      const serve = await runCli(['serve'], { env: { ...emulatorEnv(akeneo, bynder, dir), MAPPINGS_FILE: resolve('mappings/bynder_attribute_mappings.yml'), HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent' } })
      assert.equal(serve.code, 1, serve.stdout + serve.stderr)
      assert.match(serve.stderr, /cannot run\.\nAkeneo .*products-uuid.*6\.0\.28/)
    } finally {
      await Promise.all([akeneo.close(), bynder.close()])
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('a product read by uuid that 404s on a PIM without products-uuid routes is refused, not taken for a deletion', async () => {
    const { client, close } = await startHarness({ version: '6.0' })
    try {
      await assert.rejects(client.getProduct('00000000-0000-4000-8000-000000000000'), (error: unknown) => error instanceof UnsupportedAkeneoError && /6\.0\.28/.test(error.message))
      await assert.rejects(client.assertSupported(), UnsupportedAkeneoError)
    } finally { await close() }
    const current = await startHarness()
    try {
      assert.equal(await current.client.getProduct('00000000-0000-4000-8000-000000000000'), null)
    } finally { await current.close() }
  })
})
