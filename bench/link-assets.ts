import { withTarget } from './targets.js'
import { addProduct } from '../test/fakes/akeneo/seed.js'
import { startRunningWorld, type RunningWorld } from '../scripts/link-world.js'
import { describeCalls, groups, notifyAndCount } from './link-counts.js'

const ASSETS = 1000

/**
 * `count` new packshot assets in Bynder, each naming its own product in Akeneo (created
 * unless `existing`: then the products of an earlier call with the same prefix); their ids.
 */
export function seedNewPackshots (world: RunningWorld, count: number, prefix: string, existing = false): string[] {
  return Array.from({ length: count }, (_, i) => {
    const sku = `${prefix}-${String(i).padStart(4, '0')}`
    if (!existing) addProduct(world.akeneo.state, { identifier: sku, family: 'accessories' })
    return world.bynder.addAsset({ name: `packshot-${existing ? 'new-' : ''}${sku}`, extension: ['jpg'], properties: { akeneo_product_sku: [sku], akeneo_asset_type: ['packshot_image'] } }).id
  })
}

export const AKENEO_GROUPS: Array<[string, RegExp]> = [['tokens', /oauth/], ['attributes', /attributes/], ['product reads', /\/products\//], ['uuid searches', /\/products-uuid$/], ['uploads', /media-files/]]

/** Notifies every asset through the SNS route and waits for the worker; Akeneo calls per asset. */
async function linkAll (world: RunningWorld, ids: string[]): Promise<{ seconds: number, akeneoPerAsset: string, akeneo: string }> {
  const calls = await notifyAndCount(world, ids)
  const paths = calls.akeneo.map((call) => call.slice(call.indexOf(' ') + 1))
  return { seconds: calls.seconds, akeneoPerAsset: (paths.length / ids.length).toFixed(2), akeneo: describeCalls(paths, AKENEO_GROUPS) }
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
    const first = await linkAll(world, ids)
    const links = (await world.app.store.links.list({ limit: ASSETS * 2, status: 'linked' })).length
    const bynderCalls = world.bynder.requests.length
    const b = groups(world.bynder.requests.map((r) => r.path), [['asset reads', /^\/api\/v4\/media\/[^/]+\/$/], ['download URLs', /\/download\//], ['file fetches', /^\/(s3|m)\//]])
    // A second asset into each product: a new link into a product the registry knows (its uuid).
    const later = await linkAll(world, seedNewPackshots(world, ASSETS, 'bench', true))
    return {
      'assets linked': `${links} / ${ASSETS}`,
      'Bynder calls per asset': (bynderCalls / ASSETS).toFixed(2),
      'Akeneo calls per asset': withTarget('firstLink', Number(first.akeneoPerAsset), 2, 'the first link into each product: the upload, the uuid deletion events name looked up with up to 99 others'),
      'Bynder calls': `${bynderCalls} (${Object.entries(b).map(([k, v]) => `${k} ${v}`).join(', ')})`,
      'Akeneo calls': first.akeneo,
      'Akeneo calls per new link': withTarget('laterLink', Number(later.akeneoPerAsset), 2, `into products already linked: ${later.akeneo}`),
      'Akeneo peak concurrency': world.akeneo.controls.peakConcurrency,
      'assets per second': (ASSETS / first.seconds).toFixed(1)
    }
  } finally {
    await world.close()
  }
}
