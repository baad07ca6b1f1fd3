import swagger from '@fastify/swagger'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { documentRoute } from '../docs/openapi-transform.js'
import { USER_AGENT } from '../user-agent.js'

/**
 * The OpenAPI 3 document, generated from the route schemas (registered before the routes:
 * it collects them as they are added). Served by routes/docs.ts.
 */
async function openapi (fastify: FastifyInstance): Promise<void> {
  await fastify.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'bynder-akeneo-connector',
        version: USER_AGENT.split('/')[1]?.split(' ')[0] ?? '0.0.0',
        description: 'Keeps a Bynder DAM and an Akeneo PIM in step. Webhooks are authenticated by their signatures; admin routes by `Authorization: Bearer $ADMIN_TOKEN`; /metrics by `Bearer $METRICS_TOKEN` when that is set.'
      },
      components: {
        securitySchemes: {
          adminToken: { type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN' },
          metricsToken: { type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN (only when set)' }
        }
      },
      tags: [
        { name: 'webhooks', description: 'Deliveries from Amazon SNS (Bynder) and Akeneo' },
        { name: 'admin', description: 'Operator API (admin token)' },
        { name: 'operations', description: 'Health, readiness, metrics' },
        { name: 'pages', description: 'Pages for people: this document and the console' }
      ]
    },
    transform: documentRoute
  })
}

export default fp(openapi, { name: 'openapi' })
