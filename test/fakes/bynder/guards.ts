import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { fail, FormBody } from './http-helpers.js'
import type { FakeBynderState } from './state.js'

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Cross-cutting behaviour, in the order Bynder's edge applies it: latency, the slash
 * redirect of v4 paths, the per-second rate limit (429 **without** Retry-After), injected
 * failures, then bearer auth. Every request is logged — never the token.
 */
export function installGuards (app: FastifyInstance, state: FakeBynderState): void {
  app.decorateRequest('bynderRights', undefined)

  app.addHook('onRequest', async (request, reply) => {
    if (state.settings.latencyMs > 0) await sleep(state.settings.latencyMs)
    const [path, search] = splitUrl(request.url)
    if (path.startsWith('/api/v4/') && !path.endsWith('/')) {
      return reply.code(301).header('location', `${path}/${search}`).send()
    }
    if (!path.startsWith('/api/')) return
    if (!withinBudget(state)) return fail(reply, 429, 'Too Many Requests')
    if (!withinRateLimit(state)) return fail(reply, 429, 'Too Many Requests')
    const failure = state.failures[0]
    if (failure !== undefined) {
      if (--failure.remaining <= 0) state.failures.shift()
      return fail(reply, failure.status, failure.message)
    }
    return authenticate(state, request, reply)
  })

  app.addHook('onResponse', async (request, reply) => {
    const [path] = splitUrl(request.url)
    const form = request.body instanceof FormBody ? request.body : undefined
    state.requests.push({
      method: request.method,
      path,
      query: { ...(request.query as Record<string, unknown> | undefined) },
      contentType: request.headers['content-type'],
      form: form?.fields,
      formPairs: form?.pairs,
      authorization: authKind(request.headers.authorization),
      status: reply.statusCode,
      time: Date.now()
    })
  })
}

function authKind (header: string | undefined): 'none' | 'bearer' | 'other' {
  if (header === undefined || header === '') return 'none'
  return header.startsWith('Bearer ') ? 'bearer' : 'other'
}

function splitUrl (url: string): [string, string] {
  const i = url.indexOf('?')
  return i === -1 ? [url, ''] : [url.slice(0, i), url.slice(i)]
}

/**
 * Bynder's WAF: every /api request counts (retries and refused ones included) in a window of
 * `blockWindowMs`; over `blockBudget`, the IP is blocked — every request answers 429 until
 * `blockQuietMs` passes with no request, and a request during the block extends it.
 */
function withinBudget (state: FakeBynderState): boolean {
  const now = Date.now()
  const { block } = state
  if (block.lastRequestAt !== undefined) {
    if (block.pinned || now - block.lastRequestAt < state.settings.blockQuietMs) {
      block.pinned = false
      block.lastRequestAt = now
      block.refused++
      return false
    }
    block.lastRequestAt = undefined
    block.arrivals.length = 0
  }
  block.arrivals.push(now)
  while (block.arrivals.length > 0 && block.arrivals[0]! <= now - state.settings.blockWindowMs) block.arrivals.shift()
  if (block.arrivals.length <= state.settings.blockBudget) return true
  block.lastRequestAt = now
  block.started++
  block.refused++
  return false
}

/** Counts accepted calls in the last second; rejected ones do not extend the penalty. */
function withinRateLimit (state: FakeBynderState): boolean {
  const now = Date.now()
  const calls = state.recentApiCalls
  while (calls.length > 0 && calls[0]! <= now - 1000) calls.shift()
  if (calls.length >= state.settings.maxRequestsPerSecond) return false
  calls.push(now)
  return true
}

function authenticate (state: FakeBynderState, request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
  const header = request.headers.authorization ?? ''
  const match = /^Bearer (\S+)$/.exec(header)
  const rights = match === null ? undefined : state.tokens.get(match[1]!)
  if (rights === undefined) return fail(reply, 401, 'Unauthorized: missing or invalid token')
  request.bynderRights = rights
  return undefined
}
