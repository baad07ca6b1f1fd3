import { UpstreamError } from '../upstream-error.js'
import { invalidResponse } from './errors.js'
import { sanitizeOptionName } from '../../sync/option-name.js'
import type { BynderHttp } from './http.js'
import { addOptionToIndex, fetchMetaproperties, type MetapropertyIndex, type Option } from './metaproperties.js'

export interface OptionResult extends Option { created: boolean }

export interface MetapropertyCache {
  getMetaproperties: () => Promise<MetapropertyIndex>
  invalidateMetaproperties: () => void
  createOrGetOption: (metapropertyId: string, option: { name: string, label?: string, labels?: Record<string, string> }) => Promise<OptionResult>
}

/**
 * Metaproperties change rarely and a product-identifier one can hold ~10,000 options
 * ("megaproperty"): read them once per TTL, share one in-flight read, add created options
 * in place instead of refetching.
 */
export function createMetapropertyCache (http: BynderHttp, ttlMs: number, now: () => number = Date.now): MetapropertyCache {
  let cached: { index: MetapropertyIndex, expiresAt: number } | undefined
  let inflight: Promise<MetapropertyIndex> | undefined

  const getMetaproperties = async (): Promise<MetapropertyIndex> => {
    if (cached !== undefined && now() < cached.expiresAt) return cached.index
    inflight ??= fetchMetaproperties(http)
      .then((index) => { cached = { index, expiresAt: now() + ttlMs }; return index })
      .finally(() => { inflight = undefined })
    return await inflight
  }

  return {
    getMetaproperties,
    invalidateMetaproperties: () => { cached = undefined },

    async createOrGetOption (metapropertyId, option) {
      const mp = (await getMetaproperties()).byId.get(metapropertyId)
      if (mp === undefined) throw new Error(`Bynder metaproperty ${metapropertyId} does not exist`)
      // Send the name Bynder would store anyway, so the cache key matches what it keeps.
      const name = sanitizeOptionName(option.name)
      const label = option.label ?? option.name
      const known = mp.optionsByName.get(name)
      if (known !== undefined) return { ...known, created: false }

      const path = `api/v4/metaproperties/${encodeURIComponent(metapropertyId)}/options/`
      const data = JSON.stringify({ name, label, ...(option.labels === undefined ? {} : { labels: option.labels }) })
      // Only `data` (a JSON string) may be posted: any other field gets a 400.
      const { status, body } = await http.request('POST', path, { form: { data }, acceptStatuses: [400] })
      const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
      let id: string
      if (status === 400) {
        // A duplicate name answers 400 with existingUUID: create-or-get treats it as found.
        if (typeof b.existingUUID !== 'string') {
          throw new UpstreamError({ api: 'bynder', method: 'POST', path: `/${path}`, status, message: typeof b.message === 'string' ? b.message : 'Bad Request' })
        }
        id = b.existingUUID
      } else {
        if (typeof b.id !== 'string') throw invalidResponse('POST', `/${path}`, status, 'no option id')
        id = b.id
      }
      const created: Option = { id, name, label, labels: option.labels ?? {}, active: true }
      if (!mp.optionsById.has(id)) addOptionToIndex(mp, created)
      return { ...(mp.optionsById.get(id) ?? created), created: status !== 400 }
    }
  }
}
