import type { Asset, BynderClient, MetapropertyIndex } from '../clients/bynder/index.js'
import type { AssetWriteState } from '../store/asset-writes.js'
import type { Store } from '../store/store.js'
import type { MetapropertyChange, PropertyProblem } from '../sync/metaproperty-change.js'
import { writeMetaproperties, type WriteOutcome, type WriterMapping } from './writers/metaproperty-writer.js'

/**
 * How long this service trusts its own logged writes over a read. Bynder applies a POST
 * "within a few seconds" (C# SDK sample); 15 minutes leaves room for a slow queue, and the
 * overlay only ever applies to reads older than the write, so a later edit always wins.
 */
export const WRITE_SETTLE_MS = 15 * 60_000
const PRUNE_EVERY_MS = 60_000
// Another writer recording between our read and our record: re-read and re-plan, a few times.
const MAX_REPLANS = 5

const lastPrune = new WeakMap<Store, number>()

/**
 * The asset as it will be once this service's own recent writes are applied: each
 * metaproperty posted after the read's `dateModified` (so the read predates it) and within
 * the settle window shows the logged value instead of the read one. Log values are option
 * ids or text; assets show option names, so ids are named through the metaproperties.
 */
export function withOwnWrites (asset: Asset, log: AssetWriteState, index: MetapropertyIndex, now: number): Asset {
  const readAt = Date.parse(asset.dateModified)
  let properties: Asset['properties'] | undefined
  for (const entry of log.entries) {
    if (now - entry.writtenAt > WRITE_SETTLE_MS || readAt >= entry.writtenAt) continue
    const mp = index.byId.get(entry.metapropertyId)
    if (mp === undefined) continue
    // An id the index does not know is an option deleted since: it is not shown either.
    const values = Array.isArray(entry.value) ? entry.value.flatMap((id) => mp.optionsById.get(id)?.name ?? []) : entry.value === '' ? [] : [entry.value]
    properties ??= { ...asset.properties }
    if (values.length === 0) Reflect.deleteProperty(properties, mp.name)
    else properties[mp.name] = values
  }
  return properties === undefined ? asset : { ...asset, properties }
}

/**
 * `withOwnWrites` over the client's cached metaproperties, read again once when the log
 * names an option the cache does not know (another replica created it since).
 */
export async function overlayOwnWrites (bynder: Pick<BynderClient, 'getMetaproperties' | 'invalidateMetaproperties'>, asset: Asset, log: AssetWriteState, now: number): Promise<Asset> {
  let index = await bynder.getMetaproperties()
  const unknown = log.entries.some((entry) => Array.isArray(entry.value) && entry.value.some((id) => index.byId.get(entry.metapropertyId)?.optionsById.has(id) === false))
  if (unknown) {
    bynder.invalidateMetaproperties()
    index = await bynder.getMetaproperties()
  }
  return withOwnWrites(asset, log, index, now)
}

/** `overlayOwnWrites` with the asset's log read from the store. */
export async function readWithOwnWrites (store: Store, credentialCode: string, asset: Asset, bynder: BynderClient, now: number): Promise<Asset> {
  return await overlayOwnWrites(bynder, asset, await store.assetWrites.get(credentialCode, asset.id), now)
}

export interface LoggedWrite {
  /** null: the asset is gone. */
  asset: Asset | null
  /** null: nothing to change. */
  outcome: WriteOutcome | null
  problems: PropertyProblem[]
}

/**
 * A full-set metaproperty write that does not rely on read-after-write: plan from the read
 * overlaid with the write log, record what will be posted with a compare-and-set on the
 * revision planned from, then post. A refused record means another writer (task, process or
 * replica) recorded first: the asset is read again and the write re-planned over its values.
 */
export async function writeWithLog (args: {
  store: Store
  credentialCode: string
  bynder: BynderClient
  assetId: string
  asset: Asset | null
  mapping: WriterMapping
  dryRun: boolean
  now: () => number
  plan: (asset: Asset, problems: PropertyProblem[]) => Promise<MetapropertyChange[]>
}): Promise<LoggedWrite> {
  const { store, credentialCode, bynder, assetId, now } = args
  await pruneIfDue(store, now())
  let read = args.asset
  for (let attempt = 1; ; attempt++) {
    read ??= await bynder.getAsset(assetId)
    if (read === null) return { asset: null, outcome: null, problems: [] }
    const log = await store.assetWrites.get(credentialCode, assetId)
    const asset = await overlayOwnWrites(bynder, read, log, now())
    const problems: PropertyProblem[] = []
    const changes = await args.plan(asset, problems)
    if (changes.length === 0) return { asset, outcome: null, problems }
    const outcome = await writeMetaproperties(bynder, assetId, changes, args.mapping, {
      dryRun: args.dryRun,
      beforePost: async (values) => await store.assetWrites.record(credentialCode, assetId, log.revision, values, now())
    })
    if (outcome.conflict !== true) return { asset, outcome, problems: [...problems, ...outcome.problems] }
    if (attempt >= MAX_REPLANS) throw new Error(`asset ${assetId}: another writer kept recording first (${attempt} tries); retried later`)
    read = null
  }
}

async function pruneIfDue (store: Store, now: number): Promise<void> {
  if (now - (lastPrune.get(store) ?? -Infinity) < PRUNE_EVERY_MS) return
  lastPrune.set(store, now)
  await store.assetWrites.prune(now - WRITE_SETTLE_MS)
}
