import type { AkeneoClient } from '../clients/akeneo/index.js'
import type { Store } from '../store/store.js'
import { identifierOf } from './product-entities.js'

/**
 * How long the identifiers of first links gather before one search looks their uuids up.
 * Long enough that a burst shares a search (about one per 25 links at Bynder's 10 calls/s),
 * short enough that a deletion event soon after a first link still finds the uuid.
 */
export const UUID_LOOKUP_DELAY_MS = 5000
/** Akeneo's `IN` takes up to 100 values, and a page holds up to 100 products. */
const PER_SEARCH = 100

interface Lookups {
  akeneo: AkeneoClient
  /** Identifiers whose uuid is wanted. */
  pending: Set<string>
  /** Uuids found before their link's row was saved (the task was still uploading): applied once more on the next flush. */
  early: Map<string, string>
  timer: NodeJS.Timeout | undefined
  running: Promise<void>
}

const byStore = new WeakMap<Store, Lookups>()

/**
 * The registry wants a product's uuid (deletion events name products by uuid alone) but the
 * first link into it was written without a read: the upload addresses the identifier. The
 * uuids of the first links made close together are looked up in one search a few seconds
 * later, instead of one read each before the upload. A lookup that fails or finds nothing
 * leaves the uuid unknown: the next link into that product asks again.
 */
export function lookUpUuidLater (deps: { akeneo: AkeneoClient, store: Store }, identifier: string): void {
  let lookups = byStore.get(deps.store)
  if (lookups === undefined) {
    lookups = { akeneo: deps.akeneo, pending: new Set(), early: new Map(), timer: undefined, running: Promise.resolve() }
    byStore.set(deps.store, lookups)
  }
  lookups.pending.add(identifier)
  if (lookups.pending.size >= PER_SEARCH) void flushUuidLookups(deps.store)
  else later(deps.store, lookups)
}

function later (store: Store, lookups: Lookups): void {
  if (lookups.timer !== undefined) return
  lookups.timer = setTimeout(() => { void flushUuidLookups(store) }, UUID_LOOKUP_DELAY_MS)
  lookups.timer.unref()
}

/** Looks up every pending uuid now (the service's close, and tests); resolves when recorded. */
export async function flushUuidLookups (store: Store): Promise<void> {
  const lookups = byStore.get(store)
  if (lookups === undefined) return
  clearTimeout(lookups.timer)
  lookups.timer = undefined
  const identifiers = [...lookups.pending].slice(0, PER_SEARCH)
  for (const identifier of identifiers) lookups.pending.delete(identifier)
  const early = [...lookups.early]
  lookups.early.clear()
  lookups.running = lookups.running.then(async () => {
    for (const [identifier, uuid] of early) await store.links.setProductUuid(identifier, uuid).catch(() => 0)
    for (const [identifier, uuid] of await lookUp(lookups.akeneo, identifiers)) {
      if (await store.links.setProductUuid(identifier, uuid).catch(() => 0) === 0) lookups.early.set(identifier, uuid)
    }
  })
  await lookups.running
  if (lookups.pending.size >= PER_SEARCH) await flushUuidLookups(store)
  else if (lookups.pending.size > 0 || lookups.early.size > 0) later(store, lookups)
}

/** Identifier → uuid of the products found; none when the search fails (unknown stays unknown: the next link asks again). */
async function lookUp (akeneo: AkeneoClient, identifiers: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>()
  if (identifiers.length === 0) return found
  try {
    // The uuid routes show the identifier only as the identifier attribute's value.
    const identifierAttribute = await akeneo.identifierAttribute()
    for await (const product of akeneo.searchProducts({ identifiers, limit: PER_SEARCH })) {
      const identifier = identifierOf(product, identifierAttribute)
      if (identifier !== null && identifiers.includes(identifier)) found.set(identifier, product.uuid)
    }
  } catch {
    // The found ones so far still count; the rest stay unknown.
  }
  return found
}
