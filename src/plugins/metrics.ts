import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { createMetrics, type Metrics } from '../metrics/metrics.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** This app's metric families (its own registry: tests build many apps in one process). */
    metrics: Metrics
  }
}

/** The metrics registry, and every answered request counted by route pattern (never the raw URL). */
async function metricsPlugin (fastify: FastifyInstance): Promise<void> {
  const metrics = createMetrics()
  fastify.decorate('metrics', metrics)
  fastify.addHook('onResponse', async (request, reply) => {
    metrics.httpRequest(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode)
  })
}

export default fp(metricsPlugin, { name: 'metrics' })
