import { withTarget } from './targets.js'
import { startRunningWorld } from '../scripts/link-world.js'
import { flushUuidLookups } from '../src/handlers/product-uuids.js'
import { AKENEO_GROUPS, seedNewPackshots } from './link-assets.js'
import { groups } from './link-counts.js'

const ASSETS = 200
const BYNDER_RPS = 10
const API_CALL = /^\/api\/v4\//
const BYNDER_LATENCY_MS = 150
const AKENEO_LATENCY_MS = 300

/**
 * A burst of 200 new packshot assets (issue 14, point 4), notified at once through the signed
 * SNS route and linked by the running worker with the service's defaults (BYNDER_MAX_RPS 10,
 * the default WORKER_CONCURRENCY unless `concurrency` is given) and no fetch delay, so the
 * only floor is Bynder's rate: its API calls ÷ 10 per second. The emulators answer after
 * 150 ms (Bynder, S3) and 300 ms (Akeneo), as real APIs do. File downloads go to S3, not
 * the rate-limited API. Also reports the Akeneo calls per newly linked asset.
 */
export async function burstRun (concurrency?: string): Promise<{ seconds: number, floorSeconds: number, linked: number, akeneoPerAsset: number, bynderPerAsset: number, concurrency: number, akeneo: string }> {
  const world = await startRunningWorld({ BYNDER_FETCH_DELAY_MS: '0', ...(concurrency === undefined ? {} : { WORKER_CONCURRENCY: concurrency }) })
  try {
    const ids = seedNewPackshots(world, ASSETS, 'burst')
    world.akeneo.resetCounters()
    world.bynder.requests.length = 0
    // Answer times of real APIs, so that tasks wait on upstreams as they do in production.
    world.bynder.settings.latencyMs = BYNDER_LATENCY_MS
    world.akeneo.controls.latencyMs = AKENEO_LATENCY_MS
    const started = performance.now()
    await Promise.all(ids.map((id) => world.notify(id, 'asset_bank.media.create')))
    await world.idle(300_000)
    const seconds = (performance.now() - started) / 1000
    // The uuids of the first links, looked up together a few seconds later: counted too.
    await flushUuidLookups(world.app.store)
    const linked = (await world.app.store.links.list({ limit: ASSETS * 2, status: 'linked' })).length
    const apiCalls = world.bynder.requests.filter((r) => API_CALL.test(r.path)).length
    const akeneo = Object.entries(groups(world.akeneo.requests.map((r) => r.path), AKENEO_GROUPS)).map(([k, v]) => `${k} ${v}`).join(', ')
    return { seconds, floorSeconds: apiCalls / BYNDER_RPS, linked, akeneoPerAsset: world.akeneo.requests.length / ASSETS, bynderPerAsset: apiCalls / ASSETS, concurrency: world.app.config.WORKER_CONCURRENCY, akeneo }
  } finally {
    await world.close()
  }
}

export async function burstBench (): Promise<Record<string, string | number>> {
  const run = await burstRun(process.env.BENCH_BURST_CONCURRENCY)
  return {
    'burst drained / Bynder floor': withTarget('burst', run.floorSeconds / run.seconds, 2, `${run.seconds.toFixed(1)} s against a floor of ${run.floorSeconds.toFixed(1)} s`),
    'assets linked': `${run.linked} / ${ASSETS} (WORKER_CONCURRENCY ${run.concurrency})`,
    'Bynder API calls per asset': run.bynderPerAsset.toFixed(2),
    // Each burst asset names a product nothing was linked into yet: its upload, its uuid looked up with others'.
    'Akeneo calls per first link': withTarget('burstLink', run.akeneoPerAsset, 2, `each into a new product: the upload, plus a share of one uuid search per batch of first links: ${run.akeneo}`)
  }
}
