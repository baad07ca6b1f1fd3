import type { AkeneoAttribute } from './schemas.js'

/**
 * Attributes change rarely (Akeneo advises caching them), so they are kept for `ttlMs`.
 * Lookups in flight are shared; only found attributes are kept — a missing one may be
 * created later and must not stay "missing" for the whole TTL.
 */
export interface AttributeCache {
  get: (code: string, load: () => Promise<AkeneoAttribute | null>) => Promise<AkeneoAttribute | null>
  peek: (code: string) => Promise<AkeneoAttribute | null> | undefined
  put: (attribute: AkeneoAttribute) => void
}

export function createAttributeCache (ttlMs: number): AttributeCache {
  const entries = new Map<string, { value: Promise<AkeneoAttribute | null>, expiresAt: number }>()
  const peek = (code: string): Promise<AkeneoAttribute | null> | undefined => {
    const entry = entries.get(code)
    if (entry === undefined || entry.expiresAt <= Date.now()) return undefined
    return entry.value
  }
  return {
    peek,
    get (code, load) {
      const cached = peek(code)
      if (cached !== undefined) return cached
      const value = load().then(
        attribute => { if (attribute === null) entries.delete(code); return attribute },
        (error: unknown) => { entries.delete(code); throw error }
      )
      entries.set(code, { value, expiresAt: Date.now() + ttlMs })
      return value
    },
    put (attribute) {
      entries.set(attribute.code, { value: Promise.resolve(attribute), expiresAt: Date.now() + ttlMs })
    }
  }
}
