import type { FastifyInstance } from 'fastify'
import { fail, one, paging, parseIsoSeconds } from './http-helpers.js'
import type { FakeBynderState } from './state.js'

const RETENTION_MS = 30 * 24 * 3600 * 1000

/**
 * `GET /api/trash/media` — no public schema exists, so this shape is our decision:
 * `{ "total": N, "items": [{ "id", "name", "type", "dateDeleted" }] }`, oldest deletion
 * first, entries of the last 30 days only; `page`/`limit` as elsewhere and
 * `dateDeleted=<ISO without ms>` keeps entries deleted at or after that instant.
 * No trailing slash: this is not a v4 path.
 */
export function registerTrash (app: FastifyInstance, state: FakeBynderState): void {
  app.get('/api/trash/media', async (request, reply) => {
    const q = request.query as Record<string, unknown>
    const pg = paging(q)
    if (typeof pg === 'string') return fail(reply, 400, pg)
    const rawSince = one(q.dateDeleted)
    const since = rawSince === undefined ? undefined : parseIsoSeconds(rawSince)
    if (rawSince !== undefined && since === undefined) return fail(reply, 400, 'Invalid dateDeleted: expected ISO 8601 without milliseconds')
    const floor = Math.max(Date.now() - RETENTION_MS, since ?? -Infinity)
    const items = state.trash
      .filter((t) => Date.parse(t.dateDeleted) >= floor)
      .sort((a, b) => a.dateDeleted.localeCompare(b.dateDeleted) || a.id.localeCompare(b.id))
    return { total: items.length, items: items.slice((pg.page - 1) * pg.limit, pg.page * pg.limit) }
  })
}
