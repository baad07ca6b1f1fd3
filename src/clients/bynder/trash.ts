import { Type, type Static } from 'typebox'
import { Value } from 'typebox/value'
import { invalidResponse } from './errors.js'
import { formatBynderDate } from './format.js'
import type { BynderHttp } from './http.js'

/** One trash entry: `{id, name, dateRemoved, dateCreated, username, userId}` (OpenAPI); only `id` is acted on. */
export const DeletedAssetSchema = Type.Object({
  id: Type.String({ minLength: 1 }),
  name: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  dateRemoved: Type.Optional(Type.Union([Type.String(), Type.Null()]))
}, { additionalProperties: true })
export interface DeletedAsset { id: string, name?: string, dateRemoved?: string }

const TrashPageSchema = Type.Array(DeletedAssetSchema)
type RawDeleted = Static<typeof DeletedAssetSchema>

/** The documented default is 10 and no maximum is documented: ask for more, expect less. */
const DEFAULT_PAGE_SIZE = 500

/**
 * `GET /api/trash/media` (deleted assets of the last 30 days): a bare JSON array, filtered
 * by `dateRemoved`, sorted `field=media.dateRemoved&order=asc`. A short page may only mean
 * the server capped `limit`, so paging stops on an empty page (or one that brings nothing
 * new: a server ignoring `page`). `dateRemoved` is read as "removed after", maybe strictly,
 * so the bound is sent one second early; entries are yielded once per id.
 */
export async function * listDeletedAssets (http: BynderHttp, query: { since?: Date, pageSize?: number }): AsyncIterable<DeletedAsset> {
  const limit = query.pageSize ?? DEFAULT_PAGE_SIZE
  const path = 'api/trash/media'
  const seen = new Set<string>()
  for (let page = 1; ; page++) {
    const searchParams: Record<string, string> = { page: String(page), limit: String(limit), field: 'media.dateRemoved', order: 'asc' }
    if (query.since !== undefined) searchParams.dateRemoved = formatBynderDate(new Date(query.since.getTime() - 1000))
    const { status, body } = await http.request('GET', path, { searchParams })
    if (!Value.Check(TrashPageSchema, body)) throw invalidResponse('GET', `/${path}`, status, 'not a trash page (expected a JSON array)')
    const fresh = body.filter((item) => !seen.has(item.id))
    if (fresh.length === 0) return
    for (const item of fresh) {
      seen.add(item.id)
      yield toDeleted(item)
    }
  }
}

function toDeleted (item: RawDeleted): DeletedAsset {
  return {
    id: item.id,
    ...(typeof item.name === 'string' ? { name: item.name } : {}),
    ...(typeof item.dateRemoved === 'string' ? { dateRemoved: item.dateRemoved } : {})
  }
}
