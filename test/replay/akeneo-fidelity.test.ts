import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, it } from 'node:test'
import { recordEntityVersion } from '../../src/replay/entity-version.js'
import { addProduct } from '../fakes/akeneo/seed.js'
import { startLinkWorld, type LinkWorld } from '../handlers/link-harness.js'
import { replayJob } from './replay-helpers.js'

/** A server standing for the host a proxy-unaware PIM writes into its links: it must never be called. */
async function decoy (): Promise<{ url: string, hits: () => number, close: () => Promise<void> }> {
  let hits = 0
  const server = createServer((_request, response) => { hits++; response.writeHead(500).end() })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, hits: () => hits, close: async () => { await new Promise((resolve) => server.close(resolve)) } }
}

async function withWorld (options: Parameters<typeof startLinkWorld>[1], fn: (w: LinkWorld) => Promise<void>): Promise<void> {
  const world = await startLinkWorld({}, options)
  try { await fn(world) } finally { await world.close() }
}

describe('Akeneo as it really answers: product replays', () => {
  it('follow next links written for another scheme and host on the configured base URL, past the first page of 100, token never sent there', async () => {
    const elsewhere = await decoy()
    try {
      await withWorld({ akeneo: { linkBaseUrl: elsewhere.url.replace('127.0.0.1', 'localhost') } }, async (w) => {
        for (let i = 0; i < 250; i++) addProduct(w.akeneo.state, { identifier: `proxied-${i}`, family: 'accessories' })
        const run = await replayJob(w.app, 'update-properties', { max_updated_time_in_minutes: 5, dry_run: true })
        assert.equal(run.status, 'done', run.error ?? '')
        assert.equal(run.counts.listed, 250)
        const pages = w.akeneo.requests.filter((r) => r.path === '/api/rest/v1/products-uuid')
        assert.equal(pages.length, 3)
        assert.equal(elsewhere.hits(), 0)
      })
    } finally { await elsewhere.close() }
  })

  it('write search dates in AKENEO_TIME_ZONE: a PIM west of UTC lists what changed in the window', async () => {
    const akeneo = { timeZone: 'America/Los_Angeles' }
    await withWorld({ akeneo, env: { AKENEO_TIME_ZONE: 'America/Los_Angeles' } }, async (w) => {
      addProduct(w.akeneo.state, { identifier: 'west', family: 'accessories' })
      const run = await replayJob(w.app, 'update-properties', { max_updated_time_in_minutes: 5, dry_run: true })
      assert.equal(run.status, 'done', run.error ?? '')
      assert.equal(run.counts.listed, 1)
    })
    await withWorld({ akeneo }, async (w) => {
      addProduct(w.akeneo.state, { identifier: 'west', family: 'accessories' })
      const run = await replayJob(w.app, 'update-properties', { max_updated_time_in_minutes: 5, dry_run: true })
      assert.equal(run.counts.listed, 0, 'with the default UTC the bound lies in the PIM\'s future')
    })
  })

  it('do not leave a variant alone as settled when its parent or grandparent model changed since it was synced', () => withWorld({}, async (w) => {
    const red = w.akeneo.uuids['tshirt-red'] as string
    const blue = w.akeneo.uuids['tshirt-blue'] as string
    for (const uuid of [red, blue]) {
      const listed = { updated: new Date(w.akeneo.state.products.get(uuid)!.updated).toISOString().replace(/\.\d{3}Z$/, '+00:00') }
      await recordEntityVersion(w.app.store.versions, 'product', uuid, listed, w.app.mapping, new Set(['update-properties', 'update-mapped-properties']), Date.now())
    }
    const tshirt = w.akeneo.state.productModels.get('tshirt')!
    tshirt.updated = Date.now()
    const run = await replayJob(w.app, 'update-mapped-properties', { max_updated_time_in_minutes: 5, dry_run: true })
    assert.equal(run.status, 'done', run.error ?? '')
    // Both variants and the model itself; none settled although the variants' own version is recorded.
    assert.deepEqual([run.counts.listed, run.counts.settled], [3, 0])

    tshirt.updated = Date.parse('2026-11-01T08:00:00Z')
    w.akeneo.state.productModels.set('apparel', { ...tshirt, code: 'apparel', parent: null, updated: Date.now() })
    tshirt.parent = 'apparel'
    const again = await replayJob(w.app, 'update-mapped-properties', { max_updated_time_in_minutes: 5, dry_run: true })
    assert.deepEqual([again.counts.listed, again.counts.settled], [3, 0], 'two variants through their grandparent, and the root model')
  }))

  it('still leave alone a variant listed for its own unchanged version', () => withWorld({}, async (w) => {
    const red = w.akeneo.state.products.get(w.akeneo.uuids['tshirt-red'] as string)!
    red.updated = Date.now()
    const listed = { updated: new Date(red.updated).toISOString().replace(/\.\d{3}Z$/, '+00:00') }
    await recordEntityVersion(w.app.store.versions, 'product', red.uuid, listed, w.app.mapping, new Set(['update-properties', 'update-mapped-properties']), Date.now())
    const run = await replayJob(w.app, 'update-mapped-properties', { max_updated_time_in_minutes: 5, dry_run: true })
    assert.deepEqual([run.counts.listed, run.counts.settled], [1, 1])
  }))
})

