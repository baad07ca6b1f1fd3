import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'

const HealthSchema = Type.Object({ status: Type.Literal('ok') })

/** Liveness: the process answers. Readiness (store, mapping) is /ready. */
const health: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/health', {
    schema: { response: { 200: HealthSchema } }
  }, async () => ({ status: 'ok' as const }))
}

export default health
