import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { DEFAULT_CREDENTIAL_CODE } from '../src/config/credentials.js'
import { BadRequest, Conflict, NotFound } from '../src/errors.js'
import { errorResponses } from '../src/http-schemas.js'
import { ADMIN_BODY_LIMIT } from '../src/json-limits.js'
import { REPLAY_JOBS } from '../src/replay/jobs.js'
import { ReplayConflictError } from '../src/replay/replay-conflict.js'
import { MAX_WINDOW_MINUTES, windowOf } from '../src/replay/schedule.js'
import { ReplayJobSchema, replayView, ReplayViewSchema } from '../src/replay/view.js'

const ReplayBody = Type.Object({
  /** Default: all three. */
  jobs: Type.Optional(Type.Array(ReplayJobSchema, { minItems: 1, uniqueItems: true })),
  max_updated_time_in_minutes: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_WINDOW_MINUTES, default: 60 })),
  credential_code: Type.Optional(Type.String({ minLength: 1, maxLength: 100, default: DEFAULT_CREDENTIAL_CODE })),
  dry_run: Type.Optional(Type.Boolean({ default: false }))
}, { additionalProperties: false })
const BODY_KEYS = new Set(Object.keys(ReplayBody.properties))

/** `id` is the first run's (the only one when one job is asked for); `runs` has one run per job. */
const StartedSchema = Type.Object({
  id: Type.Integer(),
  runs: Type.Array(Type.Object({ id: Type.Integer(), job: ReplayJobSchema }))
})
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) })
const ListQuery = Type.Object({
  before: Type.Optional(Type.Integer({ minimum: 1 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 }))
}, { additionalProperties: false })
/** Newest first, without the dry runs' planned writes (GET /replay/:id has them). */
const RunListSchema = Type.Object({ items: Type.Array(ReplayViewSchema), next: Type.Optional(Type.Integer()) })
const AuthHeaders = Type.Object({ authorization: Type.Optional(Type.String()) })

/**
 * The polling fallback on demand (DESIGN §6): re-read what changed in the last
 * `max_updated_time_in_minutes` and push it through the handlers. Answers 202 once the
 * runs are recorded; the listing goes on in the background, GET /replay/:id follows it.
 */
const replayRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.addHook('onRequest', fastify.adminAuth)

  fastify.post('/replay', {
    bodyLimit: ADMIN_BODY_LIMIT,
    schema: {
      headers: AuthHeaders,
      body: ReplayBody,
      response: { 202: StartedSchema, ...errorResponses(400, 401, 403, 409, 413, 415) }
    },
    // No body at all means every default. Unknown keys are refused rather than dropped
    // (Fastify's Ajv would strip them): a misspelt window must not silently become 60 minutes.
    preValidation: async (request) => {
      if (request.body === undefined || request.body === null) request.body = {}
      const body = request.body
      if (typeof body !== 'object' || Array.isArray(body)) return
      const unknown = Object.keys(body).filter((key) => !BODY_KEYS.has(key))
      // A few names, each cut short: the answer and the log line stay small whatever was sent.
      const named = unknown.slice(0, 3).map((key) => key.slice(0, 40)).join(', ')
      if (unknown.length > 0) throw new BadRequest(`Unknown field(s) in the body: ${named}${unknown.length > 3 ? ` and ${unknown.length - 3} more` : ''} (allowed: ${[...BODY_KEYS].join(', ')})`)
    }
  }, async (request, reply) => {
    const { jobs = REPLAY_JOBS, max_updated_time_in_minutes: minutes = 60, credential_code: credentialCode = DEFAULT_CREDENTIAL_CODE, dry_run: dryRun = false } = request.body
    if (!fastify.credentials.has(credentialCode)) {
      throw new BadRequest(`Unknown credential_code "${credentialCode}" (known: ${[...fastify.credentials.keys()].join(', ')})`)
    }
    const window = windowOf(Date.now(), minutes)
    try {
      const { runs } = await fastify.replays.start({ jobs, credentialCode, windowStart: window.start, windowEnd: window.end, dryRun, trigger: 'api' })
      request.log.info({ runs: runs.map((run) => run.id), jobs, credentialCode, minutes, dryRun }, 'replay started')
      return await reply.code(202).send({ id: runs[0]!.id, runs: runs.map((run) => ({ id: run.id, job: run.job })) })
    } catch (error) {
      if (error instanceof ReplayConflictError) throw new Conflict(error.message)
      throw error
    }
  })

  fastify.get('/replay', {
    schema: { headers: AuthHeaders, querystring: ListQuery, response: { 200: RunListSchema, ...errorResponses(400, 401, 403) } }
  }, async (request) => {
    const { limit = 20, before } = request.query
    const runs = await fastify.store.replays.list({ limit: limit + 1, ...(before === undefined ? {} : { before }) })
    const items = await Promise.all(runs.slice(0, limit).map(async (run) => {
      const { planned: _planned, ...view } = replayView(run, await fastify.store.replays.taskProgress(run.id))
      return view
    }))
    return runs.length > limit ? { items, next: items[items.length - 1]!.id } : { items }
  })

  fastify.get('/replay/:id', {
    schema: { headers: AuthHeaders, params: IdParams, response: { 200: ReplayViewSchema, ...errorResponses(400, 401, 403, 404) } }
  }, async (request) => {
    const found = await fastify.replays.get(request.params.id)
    if (found === null) throw new NotFound(`No replay run ${request.params.id}`)
    return replayView(found.run, found.tasks)
  })
}

export default replayRoutes
