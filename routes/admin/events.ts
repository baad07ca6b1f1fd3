import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { eventView, EventPageSchema, EventViewSchema, taskView, TaskViewSchema } from '../../src/admin/event-view.js'
import { inboxHealthView, InboxHealthViewSchema } from '../../src/admin/inbox-health-view.js'
import { NotFound } from '../../src/errors.js'
import { errorResponses } from '../../src/http-schemas.js'
import { ADMIN_BODY_LIMIT } from '../../src/json-limits.js'

const Literals = (values: string[]) => Type.Union(values.map((value) => Type.Literal(value)))
const ListQuery = Type.Object({
  status: Type.Optional(Literals(['accepted', 'ignored', 'duplicate', 'pending', 'running', 'done', 'dead'])),
  source: Type.Optional(Literals(['bynder', 'akeneo_event_platform', 'akeneo_events_api', 'replay'])),
  kind: Type.Optional(Literals(['asset', 'product', 'product_model'])),
  before: Type.Optional(Type.Integer({ minimum: 1 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 }))
}, { additionalProperties: false })
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) })
const AuthHeaders = Type.Object({ authorization: Type.Optional(Type.String()) })
const denied = errorResponses(400, 401, 403)
/** A page of events plus the inbox's counts (whatever the filter) and its oldest pending task. */
const EventListSchema = Type.Object({ ...EventPageSchema.properties, health: InboxHealthViewSchema })

/**
 * The inbox for operators: each received delivery with the task it fed. `status` filters on
 * the event (accepted|ignored) or on its task (pending|running|done|dead) — dead tasks are
 * the ones to look at, then revive with POST /events/:id/retry.
 */
const adminEvents: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.addHook('onRequest', fastify.adminAuth)

  fastify.get('/events', {
    schema: { headers: AuthHeaders, querystring: ListQuery, response: { 200: EventListSchema, ...denied } }
  }, async (request) => {
    const { limit = 50, ...filter } = request.query
    const events = await fastify.store.listEvents({ ...filter, limit: limit + 1 } as Parameters<typeof fastify.store.listEvents>[0])
    const items = events.slice(0, limit).map(eventView)
    const health = inboxHealthView(await fastify.store.inboxHealth(), Date.now())
    return events.length > limit ? { items, next: items[items.length - 1]!.id, health } : { items, health }
  })

  fastify.get('/events/:id', {
    schema: { headers: AuthHeaders, params: IdParams, response: { 200: EventViewSchema, ...denied, ...errorResponses(404) } }
  }, async (request) => {
    const event = await fastify.store.getEvent(request.params.id)
    if (event === null) throw new NotFound(`No event ${request.params.id}`)
    return eventView(event)
  })

  fastify.post('/events/:id/retry', {
    bodyLimit: ADMIN_BODY_LIMIT,
    schema: {
      headers: AuthHeaders,
      params: IdParams,
      response: { 200: Type.Object({ task: TaskViewSchema }), ...denied, ...errorResponses(404, 413) }
    }
  }, async (request) => {
    const task = await fastify.store.retryEventTask(request.params.id, Date.now())
    if (task === null) throw new NotFound(`Event ${request.params.id} does not exist or fed no task`)
    request.log.info({ eventId: request.params.id, taskId: task.id }, 'task retried by an operator')
    fastify.worker.nudge()
    return { task: taskView(task) }
  })
}

export default adminEvents
