import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { errorResponses } from '../../src/http-schemas.js'
import { CheckReportSchema } from '../../src/check/report-schema.js'

/**
 * `bynder-akeneo check` on demand (the console's Check view): the mapping against the live
 * systems, with the service's credentials. It reads from Bynder and Akeneo, so it is a POST
 * behind the admin token; an unreachable system is a finding, not an error answer.
 */
const adminCheck: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.addHook('preHandler', fastify.adminAuth)
  fastify.post('/check', {
    schema: {
      summary: 'Check the mapping against Bynder and Akeneo',
      headers: Type.Object({ authorization: Type.Optional(Type.String()) }),
      response: { 200: CheckReportSchema, ...errorResponses(401, 403) }
    }
  }, async (request) => {
    const report = await fastify.runCheck()
    request.log.info({ errors: report.errors, warnings: report.warnings }, 'mapping checked by an operator')
    return report
  })
}

export default adminCheck
