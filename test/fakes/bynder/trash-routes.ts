import type { FastifyInstance } from 'fastify'
import { fail, one, parseIsoSeconds } from './http-helpers.js'
import type { FakeBynderState, TrashedAsset } from './state.js'

const RETENTION_MS = 30 * 24 * 3600 * 1000
const DEFAULT_LIMIT = 10
const SORT_FIELDS: Record<string, keyof TrashedAsset> = { 'media.dateRemoved': 'dateRemoved', 'media.dateCreated': 'dateCreated', 'media.name': 'name' }

/**
 * `GET /api/trash/media` as Bynder's OpenAPI shows it: a **bare array** of
 * `{ id, name, dateRemoved, dateCreated, username, userId }`, entries of the last 30 days.
 * `dateRemoved=<ISO without ms>` keeps entries removed strictly **after** it (read like
 * `dateModified`: the strict reading is the one a client must survive); `limit` defaults to
 * 10 and is silently capped at `settings.trashMaxLimit` (no maximum is documented, so a short
 * page does not prove the end); `field=media.dateRemoved&order=asc` sorts, otherwise newest
 * first. Any other path (the Java SDK's trailing slash included) is not this route.
 */
export function registerTrash (app: FastifyInstance, state: FakeBynderState): void {
  app.get('/api/trash/media', async (request, reply) => {
    const q = request.query as Record<string, unknown>
    const page = Number(one(q.page) ?? '1')
    const limit = Number(one(q.limit) ?? String(DEFAULT_LIMIT))
    if (!Number.isInteger(page) || page < 1) return fail(reply, 400, 'page must be a positive integer')
    if (!Number.isInteger(limit) || limit < 1) return fail(reply, 400, 'limit must be a positive integer')
    const rawSince = one(q.dateRemoved)
    const since = rawSince === undefined ? undefined : parseIsoSeconds(rawSince)
    if (rawSince !== undefined && since === undefined) return fail(reply, 400, 'Invalid dateRemoved: expected ISO 8601 without milliseconds')
    const field = one(q.field) ?? 'media.dateRemoved'
    const key = SORT_FIELDS[field]
    if (key === undefined) return fail(reply, 400, `Invalid sort field: ${field}`)
    const order = one(q.order) ?? 'desc'
    if (order !== 'asc' && order !== 'desc') return fail(reply, 400, `Invalid order: ${order}`)
    const retained = Date.now() - RETENTION_MS
    const sign = order === 'asc' ? 1 : -1
    const items = state.trash
      .filter((t) => Date.parse(t.dateRemoved) >= retained && (since === undefined || Date.parse(t.dateRemoved) > since))
      .sort((a, b) => sign * (String(a[key]).localeCompare(String(b[key])) || a.id.localeCompare(b.id)))
    const size = Math.min(limit, state.settings.trashMaxLimit)
    return items.slice((page - 1) * size, page * size)
  })
}
