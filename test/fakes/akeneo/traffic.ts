import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { checkBearer } from './auth.js'
import type { FakeControls } from './controls.js'

const started = new WeakMap<FastifyRequest, number>()
const summaries = new WeakMap<FastifyRequest, unknown>()

/** Routes whose body is not a parsed JSON object (multipart) record their own summary. */
export function summarise (request: FastifyRequest, summary: unknown): void {
  summaries.set(request, summary)
}

function bodySummary (request: FastifyRequest): unknown {
  if (summaries.has(request)) return summaries.get(request)
  const body = request.body
  // Never keep the password or refresh token of a token request.
  if (request.url.startsWith('/api/oauth/')) return { grant_type: (body as { grant_type?: unknown } | undefined)?.grant_type }
  if (typeof body === 'string') return { lines: body.split('\n').filter(l => l.trim() !== '').length }
  return body
}

function authKind (header: string | undefined): 'basic' | 'bearer' | 'none' {
  if (header === undefined) return 'none'
  return /^basic /i.test(header) ? 'basic' : /^bearer /i.test(header) ? 'bearer' : 'none'
}

/** Concurrency limit (429), injected latency and failures, bearer check, and the request log. */
export function registerTraffic (app: FastifyInstance, controls: FakeControls): void {
  app.addHook('onRequest', async (request, reply) => {
    started.set(request, Date.now())
    controls.inFlight += 1
    controls.peakConcurrency = Math.max(controls.peakConcurrency, controls.inFlight)
    if (controls.inFlight > controls.maxConcurrent) {
      // Akeneo allows 4 concurrent calls per connection; over that it answers 429 with Retry-After.
      return reply.code(429).header('retry-after', '1').send({ code: 429, message: 'Too many requests' })
    }
    if (controls.latencyMs > 0) await sleep(controls.latencyMs)
    if (!request.url.startsWith('/api/rest/')) return
    const failure = controls.failures.shift()
    if (failure !== undefined) {
      if (failure.retryAfterSeconds !== undefined) reply.header('retry-after', String(failure.retryAfterSeconds))
      return reply.code(failure.status).send({ code: failure.status, message: failure.message ?? 'Injected failure' })
    }
    checkBearer(controls, request)
  })

  app.addHook('preHandler', async (request) => {
    if (controls.pause === undefined || !request.url.startsWith('/api/rest/')) return
    await controls.pause({ method: request.method, path: new URL(request.url, 'http://fake').pathname, body: request.body })
  })

  app.addHook('onResponse', async (request, reply) => {
    controls.inFlight -= 1
    const start = started.get(request) ?? Date.now()
    const url = new URL(request.url, 'http://fake')
    const { authorization, ...headers } = request.headers
    controls.requests.push({
      method: request.method,
      url: request.url,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      auth: authKind(authorization),
      body: bodySummary(request),
      status: reply.statusCode,
      time: start,
      durationMs: Date.now() - start
    })
  })
}
