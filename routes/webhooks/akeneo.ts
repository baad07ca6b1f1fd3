import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify'
import { Type } from 'typebox'
import { splitList } from '../../src/config/credentials.js'
import { BadRequest, MethodNotAllowed, TooManyRequests, Unauthorized } from '../../src/errors.js'
import { countOutcomes, errorResponses, IntakeReplySchema } from '../../src/http-schemas.js'
import type { IncomingEvent } from '../../src/store/store.js'
import { deliveryLogLevel } from '../../src/plugins/intake-batcher.js'
import { CloudEventCheck, eventPlatformEvent, EventsApiBatchCheck, eventsApiEvents } from '../../src/webhooks/akeneo-events.js'
import { signingKeys, verifyEventPlatform, verifyEventsApi } from '../../src/webhooks/akeneo-signature.js'
import { createPendingGauge } from '../../src/webhooks/pending-gauge.js'
import { lazyChildLogger } from '../../src/webhooks/lazy-child-logger.js'
import { acceptRawBody, parseJson } from '../../src/webhooks/raw-body.js'

const SignatureHeaders = Type.Object({
  'x-akeneo-signature-primary': Type.Optional(Type.String()),
  'x-akeneo-signature-secondary': Type.Optional(Type.String()),
  'x-akeneo-request-signature': Type.Optional(Type.String()),
  'x-akeneo-request-timestamp': Type.Optional(Type.String())
})
type Headers = Partial<Record<keyof typeof SignatureHeaders.properties, string>>
type Format = 'event_platform' | 'events_api'

/**
 * Both Akeneo senders on one URL, told apart by their signature header. Never 404 and never
 * a redirect here — either suspends an Event Platform subscription at once — so sub-paths
 * (`/webhooks/akeneo/`, a mistyped suffix) are served exactly like the route itself, with the
 * same signature check, and other methods get 405 (a 4xx the sender reports, not a suspension).
 */
const akeneoWebhook: FastifyPluginAsyncTypebox = async (fastify) => {
  acceptRawBody(fastify, ['application/json', 'application/cloudevents+json'])
  fastify.setChildLoggerFactory(lazyChildLogger)
  const config = fastify.config
  const platformKeys = signingKeys(splitList(config.AKENEO_EVENT_PLATFORM_SECRET))
  const eventsApiKeys = signingKeys(splitList(config.AKENEO_EVENTS_API_SECRET))
  const formats = new WeakMap<FastifyRequest, Format>()
  const pending = createPendingGauge(() => fastify.store.countPending())

  // Synchronous (done, or a throw Fastify answers): an async hook costs every delivery a promise.
  function authenticate (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
    const headers = request.headers as Headers
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)
    if (headers['x-akeneo-request-signature'] !== undefined) {
      if (eventsApiKeys.length === 0) throw new Unauthorized('Events API deliveries are not configured (AKENEO_EVENTS_API_SECRET)')
      const verdict = verifyEventsApi(body, headers['x-akeneo-request-signature'], headers['x-akeneo-request-timestamp'], eventsApiKeys, Date.now())
      if (verdict === 'stale') throw new Unauthorized('X-Akeneo-Request-Timestamp is more than 300 s away')
      if (verdict !== 'ok') throw new Unauthorized('Events API signature does not match')
      formats.set(request, 'events_api')
      done()
      return
    }
    if (headers['x-akeneo-signature-primary'] !== undefined || headers['x-akeneo-signature-secondary'] !== undefined) {
      if (platformKeys.length === 0) throw new Unauthorized('Event Platform deliveries are not configured (AKENEO_EVENT_PLATFORM_SECRET)')
      const signatures = { primary: headers['x-akeneo-signature-primary'], secondary: headers['x-akeneo-signature-secondary'] }
      if (!verifyEventPlatform(body, signatures, platformKeys)) throw new Unauthorized('Event Platform signature does not match')
      formats.set(request, 'event_platform')
      done()
      return
    }
    throw new Unauthorized('No Akeneo signature header')
  }

  function normalise (request: FastifyRequest, format: Format, now: number): IncomingEvent[] {
    const json = parseJson(request.body)
    if (format === 'event_platform') {
      if (!CloudEventCheck.Check(json)) throw new BadRequest('Body is not a CloudEvent')
      return [eventPlatformEvent(json, fastify.selfAuthors, now)]
    }
    if (!EventsApiBatchCheck.Check(json)) throw new BadRequest('Body is not an Events API batch')
    return eventsApiEvents(json, fastify.selfAuthors, now)
  }

  async function receive (request: FastifyRequest, reply: FastifyReply): Promise<{ accepted: number, ignored: number, duplicate: number }> {
    const format = formats.get(request)!
    // The Events API's "Test" button posts an empty body signed over "<timestamp>."
    // (WebhookReachabilityChecker); its signature verified: nothing to record.
    if (format === 'events_api' && (!Buffer.isBuffer(request.body) || request.body.length === 0)) {
      request.log.info('Akeneo Events API test request answered')
      return { accepted: 0, ignored: 0, duplicate: 0 }
    }
    const events = normalise(request, format, Date.now())
    if (request.url !== '/webhooks/akeneo') request.log.warn({ url: request.url }, 'Akeneo delivered to a sub-path; served as /webhooks/akeneo')
    // The Event Platform slows down on 429 and retries later; better than timing out.
    if (await pending.current() >= config.INBOX_MAX_PENDING) {
      void reply.header('retry-after', '30')
      throw new TooManyRequests('The inbox is over its limit; retry later')
    }
    const outcomes = await fastify.intakeBatcher.submit(events)
    pending.added(outcomes.filter((outcome) => outcome.status === 'accepted').length)
    // Built only when it is written: this route logs at debug only when the service does.
    if (request.log.level === 'debug' || request.log.level === 'trace') {
      request.log.debug({ format, events: outcomes.map((o, i) => ({ sourceEventId: events[i]!.sourceEventId, eventId: o.eventId, status: o.status, taskId: o.taskId })) }, 'Akeneo events recorded')
    }
    fastify.worker.nudge()
    return countOutcomes(outcomes)
  }

  const post = {
    schema: { headers: SignatureHeaders, response: { 200: IntakeReplySchema, ...errorResponses(400, 401, 413, 415, 429, 500) } },
    preValidation: authenticate,
    logLevel: deliveryLogLevel(fastify)
  }
  // Explicit HEAD routes are left out of the OpenAPI document unless asked for.
  const head = { schema: { response: { 200: Type.Null() } }, config: { swagger: { exposeHeadRoute: true } } }
  const refuse = { schema: { response: errorResponses(405) } }
  for (const url of ['/webhooks/akeneo', '/webhooks/akeneo/*']) {
    fastify.post(url, post, receive)
    fastify.head(url, head, async () => null)
    fastify.route({
      method: ['GET', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      url,
      ...refuse,
      handler: async (_request, reply) => {
        void reply.header('allow', 'POST, HEAD')
        throw new MethodNotAllowed('Akeneo delivers events with POST')
      }
    })
  }
}

export default akeneoWebhook
