import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'

const ReadySchema = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('not_ready')]),
  store: Type.Union([Type.Literal('ok'), Type.Literal('unreachable')]),
  mapping: Type.Union([Type.Literal('loaded'), Type.Literal('missing')])
})

/** Readiness for orchestrators: the store answers and the mapping is loaded (DESIGN §6). */
const ready: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/ready', { schema: { response: { 200: ReadySchema, 503: ReadySchema } } }, async (request, reply) => {
    const storeOk = await fastify.store.ping().catch((err: unknown) => {
      request.log.warn({ err }, 'store not reachable')
      return false
    })
    const mappingOk = fastify.mapping !== undefined && fastify.mapping !== null
    const body = {
      status: storeOk && mappingOk ? 'ready' as const : 'not_ready' as const,
      store: storeOk ? 'ok' as const : 'unreachable' as const,
      mapping: mappingOk ? 'loaded' as const : 'missing' as const
    }
    return reply.code(storeOk && mappingOk ? 200 : 503).send(body)
  })
}

export default ready
