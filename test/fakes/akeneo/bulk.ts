import type { FastifyReply, FastifyRequest } from 'fastify'
import { AkeneoHttpError, requireContentType } from './errors.js'

export const COLLECTION_TYPE = 'application/vnd.akeneo.collection+json'
const MAX_LINES = 100

/**
 * Bulk PATCH: one JSON object per line, at most 100 lines (more → 413), answered 200 with
 * one JSON line per item — partial failure is normal.
 */
export function runBulk (
  request: FastifyRequest,
  reply: FastifyReply,
  key: 'uuid' | 'identifier' | 'code',
  apply: (id: string, item: unknown) => 201 | 204
): FastifyReply {
  requireContentType(request.headers['content-type'], COLLECTION_TYPE)
  const lines = String(request.body ?? '').split('\n').filter(line => line.trim() !== '')
  if (lines.length > MAX_LINES) throw new AkeneoHttpError(413, `Too many resources to process, ${MAX_LINES} is the maximum allowed.`)
  const results = lines.map((text, index) => {
    const line = index + 1
    let item: unknown
    try { item = JSON.parse(text) } catch { return { line, status_code: 400, message: 'Invalid json message received' } }
    const id = (item as Record<string, unknown> | null)?.[key]
    if (typeof id !== 'string' || id === '') return { line, status_code: 422, message: `Property "${key}" is required.` }
    try {
      return { line, [key]: id, status_code: apply(id, item) }
    } catch (error) {
      if (!(error instanceof AkeneoHttpError)) throw error
      return { line, [key]: id, status_code: error.status, message: error.message, ...(error.errors === undefined ? {} : { errors: error.errors }) }
    }
  })
  return reply.code(200).type(COLLECTION_TYPE).send(results.map(r => JSON.stringify(r)).join('\n'))
}
