import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { loadMapping } from '../src/config/mapping-loader.js'
import { recordEntityVersion } from '../src/replay/entity-version.js'
import type { ReplayJob } from '../src/replay/jobs.js'
import { openStore } from '../src/store/open-store.js'
import { linkKey } from '../src/sync/link-plan-types.js'
import { startFakeAkeneo, type FakeAkeneo } from '../test/fakes/akeneo/index.js'
import { addProduct } from '../test/fakes/akeneo/seed.js'
import { seedRealisticPortal, startFakeBynder, type FakeBynder } from '../test/fakes/bynder/index.js'
import { emulatorEnv } from '../test/fakes/connector-env.js'
import { runCli } from '../test/helpers/run-cli.js'
import { withTarget } from './targets.js'

/** One entity in a hundred changed since the last run; the rest must cost nothing but list pages. */
const CHANGED_EVERY = 100
const MAPPING = resolve('mappings/bynder_attribute_mappings.yml')
/** 200,000 listed entities take long to seed; `BENCH_REPLAY_200K=1` adds that step. */
const LARGEST = process.env.BENCH_REPLAY_200K === '1' ? 200_000 : undefined

interface World { akeneo: FakeAkeneo, bynder: FakeBynder, dir: string, env: Record<string, string>, timeoutMs: number, close: () => Promise<void> }

/**
 * Bynder blocks an IP for 5 minutes past 4,500 requests in 5 minutes (the emulator too). Up to
 * 20,000 listed, a job's ~600 calls fit at 100/s; the 200,000 run's ~6,000 per job do not, so
 * it runs at 14/s (under the block's 15/s), as a real portal would need, with time to match.
 */
const pace = (size: number): { rps: string, timeoutMs: number } => size > 20_000 ? { rps: '14', timeoutMs: 1_200_000 } : { rps: '100', timeoutMs: 600_000 }

/**
 * `size` assets each linked into its own product, and those products, all modified in the
 * last half hour and recorded as synced (registry rows, entity versions) — the state the
 * previous run left — except one in `changedEvery` (default a hundred), changed since.
 */
export async function seededWorld (size: number, changedEvery = CHANGED_EVERY): Promise<World> {
  const [akeneo, bynder] = await Promise.all([startFakeAkeneo(), startFakeBynder({ maxRequestsPerSecond: 1000 })])
  seedRealisticPortal(bynder)
  const dir = mkdtempSync(join(tmpdir(), 'connector-bench-replay-'))
  const env = {
    ...emulatorEnv(akeneo, bynder, dir),
    MAPPINGS_FILE: MAPPING,
    LOG_LEVEL: 'error',
    BYNDER_MAX_RPS: pace(size).rps,
    WORKER_CONCURRENCY: '8',
    WORKER_POLL_MS: '20',
    INBOX_MAX_PENDING: '100000'
  }
  const store = await openStore(`sqlite:${join(dir, 'connector.db')}`)
  const mapping = loadMapping(MAPPING)
  const now = Math.floor(Date.now() / 1000) * 1000
  for (let i = 0; i < size; i++) {
    const sku = `bench-${String(i).padStart(5, '0')}`
    const changed = i % changedEvery === 0
    const updated = now - 20 * 60_000 + (i % 600) * 1000
    const product = addProduct(akeneo.state, { identifier: sku, family: 'accessories', updated })
    const modified = new Date(updated).toISOString().replace(/\.\d{3}Z$/, 'Z')
    // The SKU as text rather than one of 20,000 options: the emulator looks options up one by
    // one, which would measure the emulator. The connector reads both shapes the same way.
    const asset = bynder.addAsset({ name: `packshot-${sku}`, dateModified: modified, properties: { akeneo_product_sku: sku, akeneo_asset_type: ['packshot_image'] } })
    await store.links.save({
      credentialCode: 'bynder', assetId: asset.id, assetName: asset.name, assetDateModified: changed ? '2026-01-01T00:00:00Z' : modified,
      targetType: 'product', targetCode: sku, productUuid: product.uuid, attribute: 'packshot_image', locale: null, scope: null,
      slotKey: linkKey({ target: { type: 'product', code: sku }, attribute: 'packshot_image', locale: null, scope: null }),
      source: 'original', writeKind: 'media_file', status: 'linked', value: `seed/${sku}.jpg`, fileFingerprint: null, updatedAt: now
    })
    if (!changed) {
      const listed = { updated: new Date(updated).toISOString().replace(/\.\d{3}Z$/, '+00:00') }
      await recordEntityVersion(store.versions, 'product', product.uuid, listed, mapping, new Set(['update-properties', 'update-mapped-properties']), now)
    }
  }
  await store.close()
  return { akeneo, bynder, dir, env, timeoutMs: pace(size).timeoutMs, close: async () => { await Promise.all([akeneo.close(), bynder.close()]); rmSync(dir, { recursive: true, force: true }) } }
}

interface Measured { seconds: number, summary: string, maxRssMb: number, peakHeapMb: number, bynder: number, bynderLists: number, akeneo: number, akeneoLists: number, listed: number, queued: number }

/**
 * The job as a crontab runs it: `bynder-akeneo <job>` in its own process (so its peak RSS is
 * the connector's alone, not the emulators'), to completion; calls counted by the emulators.
 * The changed entities' tasks are in the count (uploads, downloads, enrichment posts).
 */
async function runJob (w: World, job: ReplayJob): Promise<Measured> {
  const [bynderBefore, akeneoBefore] = [w.bynder.requests.length, w.akeneo.requests.length]
  const started = performance.now()
  const { code, stdout, stderr } = await runCli([job], {
    env: w.env,
    // The default heap, as a crontab runs the CLI (issue 14): no cap hides what the job keeps.
    nodeArgs: ['--import', resolve('bench/max-rss.ts')],
    timeoutMs: w.timeoutMs
  })
  const seconds = (performance.now() - started) / 1000
  if (code !== 0) throw new Error(`${job} exited ${code}: ${stdout}${stderr}`)
  const bynder = w.bynder.requests.slice(bynderBefore)
  const akeneo = w.akeneo.requests.slice(akeneoBefore)
  const counts = /listed (\d+), settled \d+, queued (\d+)/.exec(stdout)
  return {
    seconds,
    summary: stdout.split('\n')[1]?.trim() ?? '',
    maxRssMb: Number(/max-rss-kb (\d+)/.exec(stderr)?.[1] ?? NaN) / 1024,
    peakHeapMb: Number(/peak-heap-kb (\d+)/.exec(stderr)?.[1] ?? NaN) / 1024,
    bynder: bynder.length,
    bynderLists: bynder.filter((r) => r.method === 'GET' && (r.path === '/api/v4/media/' || r.path === '/api/trash/media')).length,
    akeneo: akeneo.length,
    akeneoLists: akeneo.filter((r) => r.method === 'GET' && (r.path === '/api/rest/v1/products-uuid' || r.path === '/api/rest/v1/product-models')).length,
    listed: Number(counts?.[1] ?? NaN),
    queued: Number(counts?.[2] ?? NaN)
  }
}

async function sized (size: number, changedEvery?: number): Promise<Record<'assets' | 'products', Measured>> {
  const w = await seededWorld(size, changedEvery)
  try {
    return { assets: await runJob(w, 'import-assets'), products: await runJob(w, 'update-mapped-properties') }
  } finally {
    await w.close()
  }
}

const per = (calls: number, entities: number): string => (calls / Math.max(entities, 1)).toFixed(3)
/** Every call but the list pages: what the changed assets' tasks made, and what any run makes once. */
const changedCalls = (m: Measured): number => m.bynder + m.akeneo - m.bynderLists
/** Calls per changed asset, without the run's own: the growth between two sizes ÷ the growth in changed assets. */
const marginal = (a: Measured, b: Measured): number => (changedCalls(b) - changedCalls(a)) / Math.max(b.queued - a.queued, 1)
const perRun = (a: Measured, b: Measured): number => changedCalls(b) - marginal(a, b) * b.queued
const describe = (m: Measured): string => `${m.seconds.toFixed(1)} s; ${m.summary}`

/** `import-assets 129 → 140 MB, update-mapped-properties 131 → 136 MB`: one peak of both jobs at two sizes. */
function peaks (from: { assets: Measured, products: Measured }, to: { assets: Measured, products: Measured }, peak: 'maxRssMb' | 'peakHeapMb'): string {
  const mb = (measured: Measured): string => measured[peak].toFixed(0)
  return `import-assets ${mb(from.assets)} → ${mb(to.assets)} MB, update-mapped-properties ${mb(from.products)} → ${mb(to.products)} MB`
}

/**
 * The polling fallback at scale (issue 6): 20,000 Bynder assets and 20,000 Akeneo products
 * in the window, 1 % changed since the last run, each job run by the CLI to completion. The
 * target: the list pages, plus only what the changed entities need; the connector's memory
 * the same for a window of 2,000 as of 20,000 (pages are streamed, never collected).
 */
export async function replayBench (): Promise<Record<string, string | number>> {
  const small = await sized(2_000)
  const large = await sized(20_000)
  // As many changed as the 20,000 run (200), so that the ratio is the listing's alone.
  const smallSameChanged = await sized(2_000, 10)
  const largest = LARGEST === undefined ? undefined : await sized(LARGEST)
  const { assets, products } = large
  const ratio = (a: Measured, b: Measured): string => (b.maxRssMb / a.maxRssMb).toFixed(2)
  const rss = (a: Measured, b: Measured): number => b.maxRssMb / a.maxRssMb
  return {
    'peak RSS 20,000 / 2,000, import-assets': withTarget('replayAssetsRss', rss(small.assets, assets), 2, 'default heap, the CLI process'),
    'peak RSS 20,000 / 2,000, update-mapped': withTarget('replayProductsRss', rss(small.products, products), 2, 'default heap, the CLI process'),
    'peak RSS 20,000 / 2,000, 200 changed in both': `import-assets ${ratio(smallSameChanged.assets, assets)}, ` +
      `update-mapped-properties ${ratio(smallSameChanged.products, products)} (what the listing adds; the tasks' garbage grows with the changed)`,
    ...(largest === undefined
      ? { 'peak RSS 200,000 / 20,000': 'not run (BENCH_REPLAY_200K=1 adds it)' }
      : {
          'peak RSS 200,000 / 20,000, import-assets': withTarget('replayAssetsRss200k', rss(assets, largest.assets), 2, describe(largest.assets)),
          'peak RSS 200,000 / 20,000, update-mapped': withTarget('replayProductsRss200k', rss(products, largest.products), 2, describe(largest.products)),
          // Whether growth is the V8 heap or memory outside it (buffers, allocator, SQLite).
          'peak RSS, 20,000 → 200,000': peaks(large, largest, 'maxRssMb'),
          'peak V8 heap, 20,000 → 200,000': peaks(large, largest, 'peakHeapMb')
        }),
    'upstream calls per changed asset': withTarget('replayCalls', marginal(small.assets, assets), 3, 'download URL, file, upload: the growth from 2,000 to 20,000 listed; ' +
      `plus ${perRun(small.assets, assets).toFixed(0)} per run (token, metaproperties, attribute definitions, ` +
      `the uuid-route and edition probes); all calls but list pages ÷ changed at 20,000: ${per(changedCalls(assets), assets.queued)}`),
    'import-assets, 20,000': describe(assets),
    'update-mapped-props, 20,000': describe(products),
    'list pages (Bynder, Akeneo)': `${assets.bynderLists} for 20,000 assets, ${products.akeneoLists} for 20,000 products`,
    'calls per listed asset': `${per(assets.bynder + assets.akeneo, assets.listed)} (Bynder ${assets.bynder}, Akeneo ${assets.akeneo})`,
    'calls per listed product': `${per(products.bynder + products.akeneo, products.listed)} (Bynder ${products.bynder}, Akeneo ${products.akeneo})`,
    'calls per changed product': per(products.bynder + products.akeneo - products.akeneoLists, products.queued),
    'peak RSS, 2,000 → 20,000': peaks(small, large, 'maxRssMb'),
    'peak V8 heap, 2,000 → 20,000': peaks(small, large, 'peakHeapMb')
  }
}
