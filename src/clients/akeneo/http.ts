import got, { type Got, type RequestError } from 'got'
import type { Logger } from 'pino'
import { USER_AGENT } from '../../user-agent.js'
import { leanRequestOptions } from '../lean-request-options.js'
import type { UpstreamObserver } from '../upstream-observer.js'

export interface AkeneoTimeouts {
  connectMs?: number
  /** Time to the first response byte. */
  responseMs?: number
  /** Whole request; media uploads use `uploadMs` instead. */
  requestMs?: number
  uploadMs?: number
}

export const DEFAULT_TIMEOUTS: Required<AkeneoTimeouts> = { connectMs: 5_000, responseMs: 30_000, requestMs: 60_000, uploadMs: 300_000 }

/**
 * The one got instance for Akeneo. Retries are off here: `request.ts` owns them because it
 * must re-authenticate on 401, hold a concurrency slot per attempt and recreate upload bodies.
 * The bearer token travels in `context.accessToken` and is set by the hook, never logged.
 */
export function createAkeneoHttp (baseUrl: string, timeouts: Required<AkeneoTimeouts>, logger?: Logger, observer?: UpstreamObserver): Got {
  return got.extend({
    prefixUrl: baseUrl.replace(/\/+$/, '') + '/',
    headers: { 'user-agent': USER_AGENT },
    timeout: { connect: timeouts.connectMs, response: timeouts.responseMs, request: timeouts.requestMs },
    retry: { limit: 0 },
    throwHttpErrors: false,
    // A redirect could carry the bearer token elsewhere; Akeneo's API does not redirect.
    followRedirect: false,
    responseType: 'buffer',
    hooks: {
      beforeRequest: [leanRequestOptions, options => {
        const token = options.context.accessToken
        if (typeof token === 'string') options.headers.authorization = `Bearer ${token}`
      }],
      afterResponse: [response => {
        observer?.response({ api: 'akeneo', method: response.request.options.method, path: response.requestUrl.pathname, status: response.statusCode, durationMs: response.timings.phases.total ?? 0 })
        logger?.debug({ method: response.request.options.method, path: response.requestUrl.pathname, status: response.statusCode, durationMs: response.timings.phases.total }, 'akeneo call')
        return response
      }],
      // Retries are off here, so every attempt without an answer passes this hook once.
      beforeError: [(error: RequestError) => {
        if (observer !== undefined && error.response === undefined) {
          const url = error.options.url
          observer.response({ api: 'akeneo', method: error.options.method, path: url instanceof URL ? url.pathname : '', status: null, durationMs: error.timings === undefined ? 0 : Date.now() - error.timings.start })
        }
        return error
      }]
    }
  })
}
