import { createHash } from 'node:crypto'
import { updatedBoundMs } from '../clients/akeneo/index.js'
import type { Mapping } from '../config/mapping-schema.js'
import type { EntityVersionStore } from '../store/replay-store.js'
import { akeneoTaskKey, type AkeneoEntityKind } from '../task-keys.js'
import { PRODUCT_JOBS, type ProductJob } from './jobs.js'

const hashes = new WeakMap<object, string>()

/** JSON with sorted keys, so the same mapping always hashes the same. */
function canonical (value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/** A short fingerprint of the mapping: after a mapping change every entity counts as changed once. */
export function mappingHash (mapping: Mapping): string {
  let hash = hashes.get(mapping)
  if (hash === undefined) {
    hash = createHash('sha256').update(canonical(mapping)).digest('hex').slice(0, 16)
    hashes.set(mapping, hash)
  }
  return hash
}

/**
 * `<updated>|<mappingHash>`: what a product or product model was synced at. The product
 * handler records it after a successful sync (with `recordEntityVersion`); a replay that
 * lists the entity with the same `updated`, under the same mapping, leaves it alone.
 * Null when Akeneo did not say when the entity was updated (it is then never "settled").
 */
export function entityVersion (entity: { updated?: string | undefined }, mapping: Mapping): string | null {
  return entity.updated === undefined || entity.updated === '' ? null : `${entity.updated}|${mappingHash(mapping)}`
}

/**
 * Whether the stored version covers `job` for the entity as listed. A stored version
 * without a job list (`<updated>|<hash>`) was recorded after every job ran; one ending in
 * `|job,job` covers those jobs only (a replay that ran one job).
 */
export function isVersionSettled (stored: string | undefined, entity: { updated?: string | undefined }, mapping: Mapping, job: ProductJob): boolean {
  const current = entityVersion(entity, mapping)
  if (stored === undefined || current === null) return false
  if (stored === current) return true
  if (!stored.startsWith(`${current}|`)) return false
  return stored.slice(current.length + 1).split(',').includes(job)
}

/**
 * Records that `jobs` ran successfully for the entity at this version. Jobs already
 * recorded for the same version are kept, so two replays of different jobs do not undo
 * each other's record.
 */
export async function recordEntityVersion (
  versions: EntityVersionStore, kind: AkeneoEntityKind, id: string, entity: { updated?: string | undefined }, mapping: Mapping,
  jobs: ReadonlySet<ProductJob>, now: number
): Promise<void> {
  const current = entityVersion(entity, mapping)
  if (current === null || jobs.size === 0) return
  const key = akeneoTaskKey(kind, id)
  const stored = (await versions.get([key])).get(key)
  const done = new Set(jobs)
  if (stored === current) return
  if (stored?.startsWith(`${current}|`) === true) for (const job of stored.slice(current.length + 1).split(',')) done.add(job as ProductJob)
  const all = [...PRODUCT_JOBS].every((job) => done.has(job))
  await versions.set(key, all ? current : `${current}|${[...done].sort().join(',')}`, now)
}

/**
 * Whether Akeneo listed a variant for its parent's (or grandparent's) change rather than its
 * own: an `updated >` search also returns variants of matching models, and a model change does
 * not bump its variants' `updated` (audited). Such a variant's recorded version says nothing
 * about the model change, so it is not settled — the worst case is a sync that writes nothing.
 */
export function listedThroughAncestor (entity: { parent?: string | null | undefined, updated?: string | undefined }, windowStart: Date): boolean {
  if (entity.parent === undefined || entity.parent === null || entity.updated === undefined) return false
  const updated = Date.parse(entity.updated)
  return Number.isNaN(updated) || Math.floor(updated / 1000) * 1000 <= updatedBoundMs(windowStart)
}
