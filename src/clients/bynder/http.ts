import got, { HTTPError, type Got, type RequestError, type RetryObject } from 'got'
import type { Readable } from 'node:stream'
import type { Logger } from 'pino'
import { createBynderEgress, type BynderEgress } from './egress.js'
import { UpstreamError } from '../upstream-error.js'
import type { UpstreamObserver } from '../upstream-observer.js'
import { toUpstreamError } from './errors.js'
import { USER_AGENT } from '../../user-agent.js'
import { leanRequestOptions } from '../lean-request-options.js'

export interface BynderHttpOptions {
  baseUrl: string
  permanentToken: string
  /** Bynder limits per IP (15/s documented); stay below it. Default 10. Ignored with `egress`. */
  maxRequestsPerSecond?: number
  /** The rate budget and 429 gate shared with every other portal on the same public IP (default: one of its own). */
  egress?: BynderEgress
  /** How many 429 blocks one request waits through before it fails (retryable). Default 3. */
  maxBlockWaits?: number
  logger?: Logger
  timeouts?: { requestMs?: number, connectMs?: number }
  retry?: { limit?: number, baseDelayMs?: number, maxDelayMs?: number }
  userAgent?: string
  /** Metrics: each attempt's status and latency, and the time spent waiting for the rate limiter. */
  observer?: UpstreamObserver
}

export interface BynderHttp {
  /** The body parsed as JSON, or with `raw` the bytes as they came (a large list parsed item by item). */
  request: (method: 'GET' | 'POST', path: string, opts?: { searchParams?: Record<string, string>, form?: Record<string, string>, acceptStatuses?: number[], raw?: boolean }) => Promise<{ status: number, body: unknown }>
  openStream: (url: string) => Promise<Readable>
}

export function createBynderHttp (options: BynderHttpOptions): BynderHttp {
  const { requestMs = 30_000, connectMs = 5_000 } = options.timeouts ?? {}
  const { limit = 4, baseDelayMs = 500, maxDelayMs = 30_000 } = options.retry ?? {}
  const log = options.logger
  const egress = options.egress ?? createBynderEgress({ maxRequestsPerSecond: options.maxRequestsPerSecond ?? 10 })
  const maxBlockWaits = options.maxBlockWaits ?? 3
  const origin = new URL(options.baseUrl).origin
  const userAgent = options.userAgent ?? USER_AGENT
  const observe = observing(options.observer)

  const api: Got = got.extend({
    prefixUrl: options.baseUrl.replace(/\/+$/, ''),
    headers: { 'user-agent': userAgent, authorization: `Bearer ${options.permanentToken}`, accept: 'application/json' },
    timeout: { request: requestMs, connect: connectMs },
    // v4 paths end with a slash; a redirect means a wrong path, so surface it instead of following.
    followRedirect: false,
    retry: {
      limit,
      // POSTs too: a metaproperty write replaces the whole set, and a repeated option
      // creation answers existingUUID — both are harmless to repeat.
      methods: ['GET', 'POST'],
      // Not 429: it is an IP block that retries keep alive; `request` waits at the egress gate.
      statusCodes: [408, 500, 502, 503, 504, 521, 522, 524],
      calculateDelay: (r) => retryDelay(r, baseDelayMs, maxDelayMs)
    },
    hooks: {
      beforeRequest: [leanRequestOptions, async () => { await observe.wait(egress.acquire()) }],
      beforeRetry: [(error, retryCount) => {
        observe.failure(error)
        log?.warn({ api: 'bynder', path: error.options.url instanceof URL ? error.options.url.pathname : undefined, status: error.response?.statusCode, code: error.code, retryCount }, 'bynder call retried')
      }],
      afterResponse: [(response) => {
        observe.response(response.request.options.method, response.requestUrl.pathname, response.statusCode, response.timings.phases.total)
        log?.debug({ api: 'bynder', method: response.request.options.method, path: response.requestUrl.pathname, status: response.statusCode, ms: response.timings.phases.total }, 'bynder call')
        return response
      }],
      beforeError: [(error) => { observe.failure(error); return error }]
    }
  })

  // Temporary download URLs (S3) must not get the Bynder auth header: a separate instance.
  const downloads: Got = got.extend({
    headers: { 'user-agent': userAgent },
    timeout: { connect: connectMs, response: requestMs },
    retry: { limit: 0 },
    hooks: { beforeRequest: [leanRequestOptions, async (o) => { if (isOwnHost(o.url, origin)) await egress.acquire() }] }
  })

  return {
    async request (method, path, opts = {}) {
      for (let blocks = 0; ; blocks++) {
        try {
          return await send(method, path, opts)
        } catch (err) {
          if (!(err instanceof UpstreamError) || err.status !== 429 || blocks >= maxBlockWaits) throw err
          // Waits inside the call (the task keeps its attempt and its lease): the gate holds
          // every request of this egress until the quiet period has passed.
          if (!egress.isBlocked()) log?.warn({ api: 'bynder', path: `/${path}` }, 'bynder answered 429: all traffic to Bynder from this process pauses for the quiet period')
          egress.blocked()
        }
      }
    },
    async openStream (url) {
      const stream = downloads.stream(url)
      const path = new URL(url).pathname
      return await new Promise<Readable>((resolve, reject) => {
        stream.once('response', () => { resolve(stream) })
        stream.once('error', (err) => { reject(toUpstreamError(err, 'GET', path)) })
      })
    }
  }

  async function send (method: 'GET' | 'POST', path: string, opts: Parameters<BynderHttp['request']>[2] = {}): Promise<{ status: number, body: unknown }> {
    try {
      const response = await api(path, {
        method,
        // One type for both: the body is `unknown` to callers either way.
        responseType: (opts.raw === true ? 'buffer' : 'json') as 'json',
        ...(opts.searchParams === undefined ? {} : { searchParams: opts.searchParams }),
        ...(opts.form === undefined ? {} : { form: opts.form })
      })
      // With redirects off, got treats 3xx as success: a slash-less path answered 301.
      // Not retried (3xx is not retryable): the base URL or the path is wrong, which is configuration.
      if (response.statusCode >= 300) {
        const location = response.headers.location ?? '(no location)'
        throw new UpstreamError({ api: 'bynder', method, path: `/${path}`, status: response.statusCode, message: `redirected to ${location}: a configuration error (check the credential's base_url), not retried` })
      }
      return { status: response.statusCode, body: response.body }
    } catch (err) {
      if (err instanceof HTTPError && (opts.acceptStatuses ?? []).includes(err.response.statusCode)) {
        return { status: err.response.statusCode, body: err.response.body }
      }
      throw toUpstreamError(err, method, `/${path}`)
    }
  }
}

/**
 * Bynder's 429 has no Retry-After: grow the delay (base·2^n, capped) with jitter so
 * several workers do not retry in step. A Retry-After, if one ever comes, is honoured (capped).
 */
function retryDelay (r: RetryObject, baseMs: number, maxMs: number): number {
  if (r.computedValue === 0) return 0
  const retryAfter = r.error.response?.headers['retry-after']
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter)
    if (Number.isFinite(seconds)) return Math.min(seconds * 1000, maxMs)
  }
  const ceiling = Math.min(maxMs, baseMs * 2 ** (r.attemptCount - 1))
  return ceiling / 2 + Math.random() * (ceiling / 2)
}

/** Observer calls of the Bynder client; a no-op without an observer. */
function observing (observer: UpstreamObserver | undefined) {
  return {
    async wait (acquired: Promise<void>): Promise<void> {
      const started = performance.now()
      await acquired
      observer?.waited({ api: 'bynder', bound: 'rate_limit', ms: performance.now() - started })
    },
    response (method: string, path: string, status: number, durationMs: number | undefined): void {
      observer?.response({ api: 'bynder', method, path, status, durationMs: durationMs ?? 0 })
    },
    /** Answers were counted by afterResponse; this counts the attempts that got none. */
    failure (error: RequestError): void {
      if (observer === undefined || error.response !== undefined) return
      const url = error.options.url
      observer.response({ api: 'bynder', method: error.options.method, path: url instanceof URL ? url.pathname : '', status: null, durationMs: error.timings === undefined ? 0 : Date.now() - error.timings.start })
    }
  }
}

/** Only requests to Bynder's own host count against its per-IP limit (S3 URLs do not). */
function isOwnHost (url: unknown, origin: string): boolean {
  return url instanceof URL && url.origin === origin
}

