import type { FastifyInstance } from 'fastify'
import { nestsDeeperThan } from '../json-limits.js'

/** 1 MiB: an Events API batch of 10 full products fits; a larger body is answered 413. */
export const WEBHOOK_BODY_LIMIT = 1024 * 1024

/**
 * Inside a webhook plugin only: the body stays the raw bytes (signatures are over them, and
 * re-serialised JSON would not match). Every other content type is refused with 415 by
 * Fastify itself, since no other parser exists in this scope.
 */
export function acceptRawBody (fastify: FastifyInstance, contentTypes: string[]): void {
  fastify.removeAllContentTypeParsers()
  fastify.addContentTypeParser(contentTypes, { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT }, (_request, body, done) => {
    done(null, body)
  })
}

/** The parsed JSON, or undefined when the bytes are not JSON or nest too deep (the caller answers 400). */
export function parseJson (body: unknown): unknown {
  if (!Buffer.isBuffer(body) || body.length === 0 || nestsDeeperThan(body)) return undefined
  try {
    return JSON.parse(body.toString('utf8'))
  } catch {
    return undefined
  }
}
