import { Type } from 'typebox'
import { Value } from 'typebox/value'
import { normalizeAsset, type Asset } from './asset.js'
import { invalidResponse } from './errors.js'
import { formatBynderDate } from './format.js'
import type { BynderHttp } from './http.js'

export type AssetOrder = `${'dateModified' | 'dateCreated' | 'name'} ${'asc' | 'desc'}`

export interface ListAssetsQuery {
  /** Inclusive; sent to the second (Bynder rejects milliseconds). */
  modifiedAfter?: Date
  modifiedBefore?: Date
  /** Default `dateModified asc`: pages stay stable while new edits arrive. */
  orderBy?: AssetOrder
  /** metaproperty name → option name: `property_<name>=<option>`, several = AND. */
  properties?: Record<string, string>
  ids?: string[]
  /**
   * Whether Bynder includes archived assets when `archive` is omitted is unconfirmed, so
   * it is always sent: `false` active only, `true` archived only, `'any'` (default) lists
   * `archive=0` then `archive=1` — two orderings one after the other.
   */
  archive?: boolean | 'any'
  /** Page size, ≤ 1000 (Bynder's maximum). Default 1000. */
  pageSize?: number
}

// Bynder answers a plain array, `{media,total}` with total=1 or `{media,count}` with count=1.
const ListAnswerSchema = Type.Union([
  Type.Array(Type.Unknown()),
  Type.Object({ media: Type.Array(Type.Unknown()) }, { additionalProperties: true })
])

const IDS_PER_CALL = 100 // keeps the URL short

export function assetsApi (http: BynderHttp): {
  getAsset: (id: string, options?: { withFileFingerprint?: boolean }) => Promise<Asset | null>
  listAssets: (query?: ListAssetsQuery) => AsyncIterable<Asset>
} {
  const normalize = (raw: unknown, path: string): Asset => {
    try { return normalizeAsset(raw) } catch (err) { throw invalidResponse('GET', path, 200, (err as Error).message) }
  }

  return {
    async getAsset (id, options = {}) {
      const path = `api/v4/media/${encodeURIComponent(id)}/`
      // `versions=1` adds the media items (same call): the original's id fingerprints the file.
      const { status, body } = await http.request('GET', path, {
        acceptStatuses: [404],
        ...(options.withFileFingerprint === true ? { searchParams: { versions: '1' } } : {})
      })
      return status === 404 ? null : normalize(body, `/${path}`)
    },

    async * listAssets (query = {}) {
      const pageSize = query.pageSize ?? 1000
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) throw new RangeError('pageSize must be between 1 and 1000')
      // An empty id list means no asset (Bynder may read an empty `ids` as no filter at all).
      if (query.ids?.length === 0) return
      const archives = query.archive === undefined || query.archive === 'any' ? ['0', '1'] : [query.archive ? '1' : '0']
      const idChunks = query.ids === undefined ? [undefined] : chunk(query.ids, IDS_PER_CALL)
      for (const archive of archives) {
        for (const ids of idChunks) {
          const base = baseParams(query, archive, ids)
          for (let page = 1; ; page++) {
            const searchParams = { ...base, page: String(page), limit: String(pageSize) }
            const { status, body } = await http.request('GET', 'api/v4/media/', { searchParams })
            if (!Value.Check(ListAnswerSchema, body)) throw invalidResponse('GET', '/api/v4/media/', status, 'not a media list')
            const media = Array.isArray(body) ? body : body.media
            for (const raw of media) yield normalize(raw, '/api/v4/media/')
            // No pagination headers: a short page is the last one.
            if (media.length < pageSize) break
          }
        }
      }
    }
  }
}

function baseParams (query: ListAssetsQuery, archive: string, ids: string[] | undefined): Record<string, string> {
  const params: Record<string, string> = { orderBy: query.orderBy ?? 'dateModified asc', archive }
  if (query.modifiedAfter !== undefined) params.dateModified = formatBynderDate(query.modifiedAfter)
  if (query.modifiedBefore !== undefined) params.dateModifiedTo = formatBynderDate(query.modifiedBefore)
  if (ids !== undefined) params.ids = ids.join(',')
  for (const [name, option] of Object.entries(query.properties ?? {})) params[`property_${name}`] = option
  return params
}

function chunk<T> (items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
