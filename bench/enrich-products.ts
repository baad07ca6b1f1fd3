import { startRunningWorld, type RunningWorld } from '../scripts/link-world.js'
import { linkKey } from '../src/sync/link-plan-types.js'
import { addProduct } from '../test/fakes/akeneo/seed.js'
import { findMetapropertyByName } from '../test/fakes/bynder/catalog.js'
import type { LimitedReading } from '../test/fakes/bynder/state.js'
import { cloudEvent, eventPlatformHeaders } from '../test/helpers/akeneo-signer.js'
import { saturate, type Request } from './http-load.js'

const PRODUCTS = 1000
const SECRET = 'bench-event-platform-secret'
const CONCURRENCY = 32

/** Upstream calls grouped by what they are (first matching rule), so a regression shows where it comes from. */
function groups<T> (records: T[], rules: Array<[string, (record: T) => boolean]>): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(rules.map(([name]) => [name, 0]))
  for (const record of records) {
    const name = rules.find(([, matches]) => matches(record))?.[0] ?? 'other'
    counts[name] = (counts[name] ?? 0) + 1
  }
  return counts
}

type BynderRecord = RunningWorld['bynder']['requests'][number]
const BYNDER_RULES: Array<[string, (r: BynderRecord) => boolean]> = [
  ['list/search', (r) => r.method === 'GET' && r.path === '/api/v4/media/'],
  ['asset reads', (r) => r.method === 'GET' && /^\/api\/v4\/media\/[^/]+\/$/.test(r.path)],
  ['option lookups', (r) => r.method === 'GET' && /^\/api\/v4\/metaproperties\/[^/]+\/options\/$/.test(r.path)],
  ['metaproperties', (r) => r.method === 'GET' && r.path.startsWith('/api/v4/metaproperties/')],
  ['option creations', (r) => r.method === 'POST' && /\/options\/$/.test(r.path)],
  ['POSTs', (r) => r.method === 'POST' && /^\/api\/v4\/media\/[^/]+\/$/.test(r.path)]
]
type AkeneoRecord = RunningWorld['akeneo']['requests'][number]
const AKENEO_RULES: Array<[string, (r: AkeneoRecord) => boolean]> = [
  ['tokens', (r) => r.path.includes('/oauth/')],
  ['attributes', (r) => r.path.includes('/attributes')],
  ['product reads', (r) => r.method === 'GET' && /\/products(-uuid)?\//.test(r.path)],
  ['model reads', (r) => r.method === 'GET' && r.path.includes('/product-models/')],
  ['writes', (r) => r.method !== 'GET']
]

/** Option POSTs: created (201) vs answered "already exists" (400 with existingUUID: a concurrent task created it first). */
function createdOptions (requests: BynderRecord[]): string {
  const posts = requests.filter((r) => r.method === 'POST' && /\/options\/$/.test(r.path))
  return `${posts.filter((r) => r.status === 201).length} created + ${posts.filter((r) => r.status === 400).length} already there`
}

const show = (counts: Record<string, number>, per: number): string =>
  Object.entries(counts).filter(([, n]) => n > 0).map(([name, n]) => `${name} ${(n / per).toFixed(3)}`).join(', ')

/**
 * 1,000 products in Akeneo, each with one packshot linked from Bynder (both emulators and the
 * link registry seeded directly, as the import direction leaves them), the type option already
 * the mapped one. Half the products carry a colour Bynder has no option for yet.
 */
function seed (world: RunningWorld): { uuids: string[], assetIds: string[] } {
  const { akeneo, bynder } = world
  const uuids: string[] = []
  const assetIds: string[] = []
  for (let i = 0; i < PRODUCTS; i++) {
    const sku = `bench_${String(i).padStart(4, '0')}`
    const code = `b/e/n/c/${sku}.jpg`
    akeneo.state.mediaFiles.set(code, { code, original_filename: `${sku}.jpg`, mime_type: 'image/jpeg', size: 3, extension: 'jpg', bytes: Buffer.from('img') })
    uuids.push(addProduct(akeneo.state, {
      identifier: sku,
      family: 'clothing',
      values: {
        name: [{ locale: 'en_US', scope: null, data: `Product ${i}` }],
        brand: [{ locale: null, scope: null, data: i % 2 === 0 ? 'acme' : 'globex' }],
        color: [{ locale: null, scope: null, data: i % 2 === 0 ? ['red'] : ['red', 'green'] }],
        packshot_image: [{ locale: null, scope: null, data: code }]
      }
    }).uuid)
    assetIds.push(bynder.addAsset({ name: sku, extension: ['jpg'], dateModified: '2026-05-01T10:00:00Z', properties: { akeneo_product_sku: [sku], akeneo_asset_type: ['Packshot'] } }).id)
  }
  return { uuids, assetIds }
}

async function register (world: RunningWorld, uuids: string[], assetIds: string[]): Promise<void> {
  for (let i = 0; i < PRODUCTS; i++) {
    const sku = `bench_${String(i).padStart(4, '0')}`
    const asset = world.bynder.state.assets.get(assetIds[i]!)!
    await world.app.store.links.save({
      credentialCode: 'bynder',
      assetId: asset.id,
      assetName: asset.name,
      assetDateModified: asset.dateModified,
      targetType: 'product',
      targetCode: sku,
      productUuid: uuids[i]!,
      attribute: 'packshot_image',
      locale: null,
      scope: null,
      slotKey: linkKey({ target: { type: 'product', code: sku }, attribute: 'packshot_image', locale: null, scope: null }),
      source: 'original',
      writeKind: 'media_file',
      status: 'linked',
      value: `b/e/n/c/${sku}.jpg`,
      fileFingerprint: asset.original.itemId,
      updatedAt: Date.now()
    })
  }
}

interface Pass { intakeMs: number, processMs: number, bynder: BynderRecord[], akeneo: AkeneoRecord[], writes: number }

/**
 * One product.updated event per product through the signed Event Platform route with the
 * worker stopped (intake alone, the baseline), then the worker started and timed until idle.
 */
async function pass (world: RunningWorld, url: URL, uuids: string[]): Promise<Pass> {
  world.akeneo.resetCounters()
  world.bynder.requests.length = 0
  world.bynder.writes.length = 0
  await world.app.worker.stop()
  const requests: Request[] = uuids.map((uuid) => {
    const body = JSON.stringify(cloudEvent({ type: 'com.akeneo.pim.v1.product.updated', uuid, author: 'julia' }))
    return { body, headers: eventPlatformHeaders(body, SECRET) }
  })
  let started = performance.now()
  const sent = await saturate(url, requests, CONCURRENCY, 30_000)
  const intakeMs = performance.now() - started
  if (sent.failed > 0 || sent.sent !== uuids.length) throw new Error(`intake refused ${sent.failed} of ${sent.sent} events`)
  started = performance.now()
  world.app.worker.start()
  await world.idle(50_000)
  const processMs = performance.now() - started
  const dead = await world.app.store.listEvents({ status: 'dead', limit: 5 })
  if (dead.length > 0) throw new Error(`dead tasks: ${dead.map((e) => e.task?.lastError ?? '').join(' | ')}`)
  return { intakeMs, processMs, bynder: [...world.bynder.requests], akeneo: [...world.akeneo.requests], writes: world.bynder.writes.length }
}

const WORLD_ENV = { BYNDER_FETCH_DELAY_MS: '0', BYNDER_MAX_RPS: '100', WORKER_CONCURRENCY: '16', AKENEO_EVENT_PLATFORM_SECRET: SECRET, INBOX_MAX_PENDING: '100000' }

/** Bynder calls per enriched asset (the first pass alone) in a fresh world whose portal reads `limited` so. */
async function callsPerAssetUnder (limitedReading: LimitedReading): Promise<string> {
  const world = await startRunningWorld(WORLD_ENV)
  try {
    world.bynder.settings.limitedReading = limitedReading
    const { uuids, assetIds } = seed(world)
    await register(world, uuids, assetIds)
    const { bynder } = await pass(world, new URL(`${world.url}/webhooks/akeneo`), uuids)
    return `${(bynder.length / PRODUCTS).toFixed(3)} (${show(groups(bynder, BYNDER_RULES), PRODUCTS)})`
  } finally {
    await world.close()
  }
}

/**
 * Bynder calls per enriched asset: 1,000 product.updated events through the signed Event
 * Platform route, each product's linked asset enriched by the running worker; then the same
 * events again with nothing changed, which must write nothing to Bynder. Counted by the
 * emulators. Times are per product; the baseline is the intake of the same events with the
 * worker stopped, measured in the same run. BYNDER_MAX_RPS is at its maximum (100): the
 * Bynder calls, not the service, bound the processing time. The emulator reads `limited`
 * strictly (two list passes per search); the same first pass is then counted once more under
 * the Java SDK's reading, where the client learns from Bynder's answers that one pass holds all.
 */
export async function enrichProductsBench (): Promise<Record<string, string | number>> {
  const world = await startRunningWorld(WORLD_ENV)
  let figures: Record<string, string | number>
  try {
    const { uuids, assetIds } = seed(world)
    await register(world, uuids, assetIds)
    const url = new URL(`${world.url}/webhooks/akeneo`)
    const first = await pass(world, url, uuids)
    // Bynder applies posts late (202): count what the portal shows once it has applied them.
    await world.bynder.writesApplied()
    const productName = findMetapropertyByName(world.bynder.state, 'product_name')!
    const enriched = assetIds.filter((id, i) => world.bynder.state.assets.get(id)!.values[productName.id] === `Product ${i}`).length
    const second = await pass(world, url, uuids)
    if (second.writes > 0) throw new Error(`nothing changed, yet ${second.writes} Bynder writes`)

    const b1 = groups(first.bynder, BYNDER_RULES)
    const b2 = groups(second.bynder, BYNDER_RULES)
    const a1 = groups(first.akeneo, AKENEO_RULES)
    const perProduct = (ms: number): string => (ms / PRODUCTS).toFixed(2)
    // The floor the Bynder rate limit sets: calls ÷ 100 per second.
    const floorMs = (calls: number): number => calls * 10
    figures = {
      'assets enriched': `${enriched} / ${PRODUCTS}`,
      'Bynder calls per asset': `${(first.bynder.length / PRODUCTS).toFixed(3)} (${show(b1, PRODUCTS)})`,
      // Filled after this world is closed, so that the figures above are measured as before.
      'Bynder calls per asset, limited=1 "also" (Java SDK)': '',
      'Bynder writes': `${first.writes} POSTs, option creations ${createdOptions(first.bynder)}`,
      'Akeneo calls per product': `${(first.akeneo.length / PRODUCTS).toFixed(3)} (${show(a1, PRODUCTS)})`,
      'intake (ms per event)': perProduct(first.intakeMs),
      'enrich (ms per product)': perProduct(first.processMs),
      'enrich / intake': (first.processMs / first.intakeMs).toFixed(1),
      'enrich / Bynder rate floor': (first.processMs / floorMs(first.bynder.length)).toFixed(2),
      'no change: Bynder calls/asset': `${(second.bynder.length / PRODUCTS).toFixed(3)} (${show(b2, PRODUCTS)})`,
      'no change: Bynder writes': second.writes,
      'no change / enrich (calls)': (second.bynder.length / first.bynder.length).toFixed(2),
      'no change (ms per product)': perProduct(second.processMs),
      'no change / enrich (time)': (second.processMs / first.processMs).toFixed(2)
    }
  } finally {
    await world.close()
  }
  figures['Bynder calls per asset, limited=1 "also" (Java SDK)'] = await callsPerAssetUnder('javaSdk')
  return figures
}
