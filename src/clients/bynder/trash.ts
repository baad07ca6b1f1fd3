import { Type, type Static } from 'typebox'
import { Value } from 'typebox/value'
import { invalidResponse } from './errors.js'
import { formatBynderDate } from './format.js'
import type { BynderHttp } from './http.js'

export const DeletedAssetSchema = Type.Object({
  id: Type.String(),
  name: Type.Optional(Type.String()),
  type: Type.Optional(Type.String()),
  dateDeleted: Type.String()
}, { additionalProperties: true })
export type DeletedAsset = Static<typeof DeletedAssetSchema>

/**
 * `GET /api/trash/media` (last 30 days). No public schema: assumed (and emulated)
 * `{ total, items: [{ id, name, type, dateDeleted }] }`, paged with `page`/`limit`,
 * filtered with `dateDeleted=<ISO without ms>` (deleted at or after).
 */
const TrashPageSchema = Type.Object({ total: Type.Number(), items: Type.Array(DeletedAssetSchema) }, { additionalProperties: true })

export async function * listDeletedAssets (http: BynderHttp, query: { since?: Date, pageSize?: number }): AsyncIterable<DeletedAsset> {
  const limit = query.pageSize ?? 1000
  const path = 'api/trash/media'
  for (let page = 1; ; page++) {
    const searchParams: Record<string, string> = { page: String(page), limit: String(limit) }
    if (query.since !== undefined) searchParams.dateDeleted = formatBynderDate(query.since)
    const { status, body } = await http.request('GET', path, { searchParams })
    if (!Value.Check(TrashPageSchema, body)) throw invalidResponse('GET', `/${path}`, status, 'not a trash page')
    for (const item of body.items) yield { id: item.id, dateDeleted: item.dateDeleted, ...(item.name === undefined ? {} : { name: item.name }), ...(item.type === undefined ? {} : { type: item.type }) }
    if (body.items.length < limit) return
  }
}
