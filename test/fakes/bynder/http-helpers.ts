import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Right } from './state.js'

/** A parsed `application/x-www-form-urlencoded` body (kept apart from JSON bodies on purpose). */
export class FormBody {
  readonly pairs: Array<[string, string]>
  readonly fields: Record<string, string>
  constructor (raw: string) {
    this.pairs = [...new URLSearchParams(raw)]
    this.fields = Object.fromEntries(this.pairs)
  }
}

/** Any other body: kept raw so form-only routes can answer 400 (Bynder) instead of 415. */
export class OtherBody {
  constructor (readonly contentType: string | undefined) {}
}

/** Bynder's error shape. */
export function fail (reply: FastifyReply, status: number, message: string, extra: Record<string, unknown> = {}): FastifyReply {
  return reply.code(status).send({ message, statuscode: status, ...extra })
}

export function formOf (request: FastifyRequest): FormBody | undefined {
  if (request.body instanceof FormBody) return request.body
  // An empty body with the form content type is an empty form.
  const type = request.headers['content-type'] ?? ''
  if (request.body === undefined && type.startsWith('application/x-www-form-urlencoded')) return new FormBody('')
  return undefined
}

export function hasRight (request: FastifyRequest, right: Right): boolean {
  return request.bynderRights?.has(right) ?? false
}

/** One query value; a repeated key counts as its last value. */
export function one (value: unknown): string | undefined {
  if (Array.isArray(value)) return value.length === 0 ? undefined : String(value[value.length - 1])
  return value === undefined ? undefined : String(value)
}

export function all (value: unknown): string[] {
  if (value === undefined) return []
  return Array.isArray(value) ? value.map(String) : [String(value)]
}

/** page ≥ 1, 1 ≤ limit ≤ 1000 (default 50): anything else is a 400, as on Bynder. */
export function paging (query: Record<string, unknown>): { page: number, limit: number } | string {
  const page = Number(one(query.page) ?? '1')
  const limit = Number(one(query.limit) ?? '50')
  if (!Number.isInteger(page) || page < 1) return 'page must be a positive integer'
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return 'limit must be an integer between 1 and 1000'
  return { page, limit }
}

const ISO_NO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:?\d{2})$/

/** ISO 8601 **without milliseconds** only (Bynder answers 400 to `…:00.000Z`). */
export function parseIsoSeconds (value: string): number | undefined {
  if (!ISO_NO_MS.test(value)) return undefined
  const t = Date.parse(value)
  return Number.isNaN(t) ? undefined : t
}

declare module 'fastify' {
  interface FastifyRequest {
    bynderRights: Set<Right> | undefined
  }
}
