import type { AkeneoAttribute } from './schemas.js'

/**
 * Definitions that change rarely (attributes — Akeneo advises caching them — and asset
 * families), kept for `ttlMs` by code. Reads in flight are shared, one code's or a list's:
 * concurrent callers (the tasks a worker claims together) wait on the same request rather
 * than each sending one. Only found ones are kept — a missing one may be created later and
 * must not stay "missing" for the whole TTL — and a failed read is dropped, so the next call
 * sends it again.
 */
export interface DefinitionCache<T extends { code: string }> {
  get: (code: string, load: () => Promise<T | null>) => Promise<T | null>
  /** The found ones among `codes`; those neither cached nor in flight are read by one `load`. */
  getMany: (codes: Iterable<string>, load: (missing: string[]) => Promise<T[]>) => Promise<Map<string, T>>
}

export type AttributeCache = DefinitionCache<AkeneoAttribute>

interface Entry<T> { value: Promise<T | null>, expiresAt: number }

export function createDefinitionCache<T extends { code: string }> (ttlMs: number): DefinitionCache<T> {
  const entries = new Map<string, Entry<T>>()
  const peek = (code: string): Promise<T | null> | undefined => {
    const entry = entries.get(code)
    if (entry === undefined || entry.expiresAt <= Date.now()) return undefined
    return entry.value
  }
  /** Shares `pending` for `code`; drops it if it fails or finds nothing (unless replaced meanwhile). */
  const track = (code: string, pending: Promise<T | null>): Promise<T | null> => {
    const entry: Entry<T> = { value: pending, expiresAt: Date.now() + ttlMs }
    const forget = (): void => { if (entries.get(code) === entry) entries.delete(code) }
    entry.value = pending.then(
      (found) => { if (found === null) forget(); return found },
      (error: unknown) => { forget(); throw error }
    )
    entries.set(code, entry)
    return entry.value
  }
  return {
    get: async (code, load) => await (peek(code) ?? track(code, load())),
    async getMany (codes, load) {
      const waits: Array<Promise<T | null>> = []
      const missing: string[] = []
      for (const code of new Set(codes)) {
        const cached = peek(code)
        if (cached !== undefined) waits.push(cached)
        else missing.push(code)
      }
      if (missing.length > 0) {
        const loaded = load(missing).then((list) => new Map(list.map((item) => [item.code, item])))
        for (const code of missing) waits.push(track(code, loaded.then((found) => found.get(code) ?? null)))
      }
      // Settled first, so that every shared read has a handler even when one of them fails.
      const settled = await Promise.allSettled(waits)
      const found = new Map<string, T>()
      for (const result of settled) {
        if (result.status === 'rejected') throw result.reason
        if (result.value !== null) found.set(result.value.code, result.value)
      }
      return found
    }
  }
}

export const createAttributeCache = (ttlMs: number): AttributeCache => createDefinitionCache<AkeneoAttribute>(ttlMs)
