import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify'
import fp from 'fastify-plugin'
import { bounded, nestsDeeperThan } from './json-limits.js'
import { BadRequest } from './errors.js'
import adminCheckRoutes from '../routes/admin/check.js'
import adminEventRoutes from '../routes/admin/events.js'
import adminLinkRoutes from '../routes/admin/links.js'
import healthRoutes from '../routes/health.js'
import metricsRoutes from '../routes/metrics.js'
import pageRoutes from '../routes/pages.js'
import readyRoutes from '../routes/ready.js'
import replayRoutes from '../routes/replay.js'
import akeneoWebhook from '../routes/webhooks/akeneo.js'
import bynderWebhook from '../routes/webhooks/bynder.js'
import adminAuth from './plugins/admin-auth.js'
import check from './plugins/check.js'
import clients from './plugins/clients.js'
import intakeBatcher from './plugins/intake-batcher.js'
import linkHandlers from './plugins/link-handlers.js'
import metrics from './plugins/metrics.js'
import openapi from './plugins/openapi.js'
import replay from './plugins/replay.js'
import schedule, { type SchedulePluginOptions } from './plugins/schedule.js'
import settings, { type SettingsOptions } from './plugins/settings.js'
import store, { type StorePluginOptions } from './plugins/store.js'
import worker, { type WorkerPluginOptions } from './plugins/worker.js'

export type AppOptions = SettingsOptions & WorkerPluginOptions & StorePluginOptions & Pick<SchedulePluginOptions, 'schedule'>

/** Below 500 the caller gets the real reason; above, a generic message (details stay in the log). */
function errorHandler (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const statusCode = error.statusCode !== undefined && error.statusCode >= 400 ? error.statusCode : 500
  if (statusCode >= 500) {
    request.log.error({ err: error }, 'request failed')
    void reply.code(statusCode).send({ statusCode, error: 'Internal Server Error', message: 'Something went wrong; see the service log' })
    return
  }
  // Bounded: a message built from a hostile body (keys, values) must not echo it.
  const message = bounded(error.message)
  // Webhook routes log below warn only at debug (src/plugins/intake-batcher.ts); a refused delivery must still show.
  const level = request.routeOptions.url?.startsWith('/webhooks/') === true ? 'warn' : 'info'
  request.log[level]({ err: { message, code: error.code } }, 'request refused')
  void reply.code(statusCode).send({ statusCode, error: error.code ?? 'Bad Request', message })
}

/** Fastify's own JSON parser (prototype-poisoning checks) behind a nesting bound. */
function boundedJsonParser (fastify: FastifyInstance): void {
  const parse = fastify.getDefaultJsonParser('error', 'error')
  fastify.removeContentTypeParser('application/json')
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (nestsDeeperThan(body as string)) {
      done(new BadRequest('JSON body nests too deep'), undefined)
      return
    }
    parse(request, body as string, done)
  })
}

/** The application as a plugin: everything but listening, so tests can `inject`. */
export async function app (fastify: FastifyInstance, options: AppOptions): Promise<void> {
  fastify.setErrorHandler(errorHandler)
  boundedJsonParser(fastify)
  await fastify.register(settings, options)
  await fastify.register(metrics)
  // Before any route: it collects them as they are added.
  await fastify.register(openapi)
  await fastify.register(store, { ...(options.checkpointThread === undefined ? {} : { checkpointThread: options.checkpointThread }) })
  await fastify.register(intakeBatcher)
  await fastify.register(clients)
  await fastify.register(worker, { ...(options.worker === undefined ? {} : { worker: options.worker }) })
  await fastify.register(linkHandlers)
  await fastify.register(replay)
  await fastify.register(schedule, { ...(options.schedule === undefined ? {} : { schedule: options.schedule }), ...(options.env === undefined ? {} : { env: options.env }) })
  await fastify.register(adminAuth)
  await fastify.register(check)
  await fastify.register(healthRoutes)
  await fastify.register(readyRoutes)
  // Encapsulated: each webhook plugin keeps its raw-body parser to itself.
  await fastify.register(bynderWebhook)
  await fastify.register(akeneoWebhook)
  await fastify.register(adminEventRoutes)
  await fastify.register(adminLinkRoutes)
  await fastify.register(replayRoutes)
  await fastify.register(metricsRoutes)
  await fastify.register(adminCheckRoutes)
  await fastify.register(pageRoutes)
}

/** A ready-to-listen instance with the service's own server options. */
export async function buildApp (options: AppOptions & { logger?: FastifyServerOptions['logger'] } = {}): Promise<FastifyInstance> {
  const fastify = Fastify({
    logger: options.logger ?? false,
    // Webhook senders and admins only; nothing legitimate is larger (DESIGN §6: 413 beyond).
    bodyLimit: 1024 * 1024,
    // Hosts behind a load balancer: keep-alive sockets must outlive the balancer's idle timeout.
    keepAliveTimeout: 72_000,
    return503OnClosing: true
  }).withTypeProvider<TypeBoxTypeProvider>()
  // Not encapsulated: the root instance (server, tests) sees config, store and clients.
  await fastify.register(fp(app, { name: 'app' }), options)
  return fastify
}
