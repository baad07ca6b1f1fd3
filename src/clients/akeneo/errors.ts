import type { TSchema } from 'typebox'
import { Value } from 'typebox/value'
import { UpstreamError } from '../upstream-error.js'
import { AkeneoErrorBodySchema } from './schemas.js'

export interface CallSite { method: string, path: string }

/** Path without the query: enough to find the call, never a search with customer data. */
export function callSite (method: string, path: string): CallSite {
  return { method, path: '/' + (path.split('?')[0] ?? '') }
}

/** Akeneo's `{code, message, errors}` body becomes an UpstreamError with its message and details. */
export function httpError (site: CallSite, status: number, rawBody: Buffer | string): UpstreamError {
  let body: unknown
  try { body = JSON.parse(rawBody.toString()) } catch { body = undefined }
  if (Value.Check(AkeneoErrorBodySchema, body)) {
    return new UpstreamError({ api: 'akeneo', ...site, status, message: body.message, details: body.errors ?? [] })
  }
  return new UpstreamError({ api: 'akeneo', ...site, status, message: `HTTP ${status}` })
}

/**
 * No answer (timeout, reset). got's own error is not kept as `cause`: it holds the request
 * options, Authorization header included, and a logger would serialise them.
 */
export function networkError (site: CallSite, error: unknown): UpstreamError {
  if (error instanceof UpstreamError) return error
  const { name = 'Error', code = '' } = error as { name?: string, code?: string }
  return new UpstreamError({ api: 'akeneo', ...site, message: `${name}${code === '' ? '' : ` ${code}`}`.trim() })
}

/** A 2xx whose body does not have the shape the service relies on. */
export function shapeError (site: CallSite, status: number, what: string, value: unknown, schema: TSchema): UpstreamError {
  const first = Value.Errors(schema, value)[0]
  const where = first === undefined ? '' : ` at ${first.instancePath === '' ? '/' : first.instancePath}: ${first.message}`
  return new UpstreamError({ api: 'akeneo', ...site, status, message: `unexpected ${what}${where}` })
}
