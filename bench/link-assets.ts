import { addProduct } from '../test/fakes/akeneo/seed.js'
import { startRunningWorld, type RunningWorld } from '../scripts/link-world.js'

const ASSETS = 1000

/** Upstream calls grouped by what they are, so a regression shows where it comes from. */
function groups (paths: string[], rules: Array<[string, RegExp]>): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const path of paths) {
    const name = rules.find(([, re]) => re.test(path))?.[0] ?? 'other'
    counts[name] = (counts[name] ?? 0) + 1
  }
  return counts
}

/** `count` new packshot assets in Bynder, each naming its own product in Akeneo; their ids. */
export function seedNewPackshots (world: RunningWorld, count: number, prefix: string): string[] {
  return Array.from({ length: count }, (_, i) => {
    const sku = `${prefix}-${String(i).padStart(4, '0')}`
    addProduct(world.akeneo.state, { identifier: sku, family: 'accessories' })
    return world.bynder.addAsset({ name: `packshot-${sku}`, extension: ['jpg'], properties: { akeneo_product_sku: [sku], akeneo_asset_type: ['packshot_image'] } }).id
  })
}

/**
 * Upstream calls per linked asset: 1,000 new packshot assets, each naming its own product,
 * notified through the signed SNS route and linked by the running worker. Counted by the
 * emulators (what Bynder and Akeneo would bill or throttle), not by the client.
 */
export async function linkAssetsBench (): Promise<Record<string, string | number>> {
  const world = await startRunningWorld({ BYNDER_FETCH_DELAY_MS: '0', BYNDER_MAX_RPS: '100', WORKER_CONCURRENCY: '16' })
  try {
    const ids = seedNewPackshots(world, ASSETS, 'bench')
    world.akeneo.resetCounters()
    world.bynder.requests.length = 0
    const started = performance.now()
    for (const id of ids) await world.notify(id, 'asset_bank.media.create')
    await world.idle(55_000)
    const seconds = (performance.now() - started) / 1000
    const links = (await world.app.store.links.list({ limit: ASSETS * 2, status: 'linked' })).length
    const bynderCalls = world.bynder.requests.length
    const akeneoCalls = world.akeneo.requests.length
    const b = groups(world.bynder.requests.map((r) => r.path), [['asset reads', /^\/api\/v4\/media\/[^/]+\/$/], ['download URLs', /\/download\//], ['file fetches', /^\/(s3|m)\//]])
    const a = groups(world.akeneo.requests.map((r) => r.path), [['tokens', /oauth/], ['attributes', /attributes/], ['product reads', /\/products\//], ['uploads', /media-files/]])
    return {
      'assets linked': `${links} / ${ASSETS}`,
      'Bynder calls per asset': (bynderCalls / ASSETS).toFixed(2),
      'Akeneo calls per asset': (akeneoCalls / ASSETS).toFixed(2),
      'Bynder calls': `${bynderCalls} (${Object.entries(b).map(([k, v]) => `${k} ${v}`).join(', ')})`,
      'Akeneo calls': `${akeneoCalls} (${Object.entries(a).map(([k, v]) => `${k} ${v}`).join(', ')})`,
      'Akeneo peak concurrency': world.akeneo.controls.peakConcurrency,
      'assets per second': (ASSETS / seconds).toFixed(1)
    }
  } finally {
    await world.close()
  }
}
