import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { errorResponses } from '../src/http-schemas.js'
import { createAdminAuth } from '../src/plugins/admin-auth.js'

/**
 * Prometheus scrape target. Open by default like most exporters; with METRICS_TOKEN set it
 * wants `Authorization: Bearer $METRICS_TOKEN`. The inbox gauges are read from the store at
 * scrape time, so every replica reports the shared inbox the same way.
 */
const metricsRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const token = fastify.config.METRICS_TOKEN
  const auth = token === undefined ? undefined : createAdminAuth(token, 'metrics')
  fastify.get('/metrics', {
    schema: {
      summary: 'Prometheus metrics (text exposition format)',
      headers: Type.Object({ authorization: Type.Optional(Type.String()) }),
      response: {
        200: { description: 'Metric families in the Prometheus text format', content: { 'text/plain': { schema: Type.String() } } },
        ...errorResponses(401)
      }
    },
    ...(auth === undefined ? {} : { preHandler: auth })
  }, async (_request, reply) => {
    fastify.metrics.inbox(await fastify.store.inboxHealth(), Date.now())
    return await reply.type(fastify.metrics.contentType).send(await fastify.metrics.text())
  })
}

export default metricsRoutes
