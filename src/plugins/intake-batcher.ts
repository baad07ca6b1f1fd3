import type { FastifyInstance, LogLevel } from 'fastify'
import fp from 'fastify-plugin'
import { createIntakeBatcher, type IntakeBatcher } from '../webhooks/intake-batcher.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** Group commit of webhook deliveries (src/webhooks/intake-batcher.ts); both webhook routes use it. */
    intakeBatcher: IntakeBatcher
  }
}

/** One batcher per process in front of the store, so deliveries to both routes share commits. */
async function intakeBatcherPlugin (fastify: FastifyInstance): Promise<void> {
  fastify.decorate('intakeBatcher', createIntakeBatcher((events) => fastify.store.intake(events)))
}

/**
 * Fastify's own two lines per request cost ~10 % of intake at info level; webhook deliveries
 * are recorded in the store (GET /events) and refusals are warnings, so their request lines
 * appear only when the service logs at debug or trace.
 */
export function deliveryLogLevel (fastify: FastifyInstance): LogLevel {
  const level = fastify.log.level
  return level === 'debug' ? 'debug' : level === 'trace' ? 'trace' : 'warn'
}

export default fp(intakeBatcherPlugin, { name: 'intake-batcher', dependencies: ['store'] })
