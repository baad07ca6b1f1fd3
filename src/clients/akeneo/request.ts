import { setTimeout as sleep } from 'node:timers/promises'
import type { Readable } from 'node:stream'
import type { Got, Response } from 'got'
import type { Logger } from 'pino'
import type { ConcurrencyLimiter } from '../limit-concurrency.js'
import { isRetryableStatus } from '../upstream-error.js'
import { callSite, httpError, networkError } from './errors.js'
import { retryDelay, type RetrySettings } from './retry-policy.js'
import type { TokenManager } from './tokens.js'

export interface AkeneoCall {
  method: 'GET' | 'PATCH' | 'POST' | 'DELETE'
  /** Relative to the base URL, without a leading slash; may carry a query. */
  path: string
  searchParams?: Record<string, string>
  json?: unknown
  /** Called once per attempt so a streamed body can be sent again. */
  body?: () => string | Readable
  headers?: Record<string, string>
  /** False for a call whose body cannot be recreated. */
  retryable?: boolean
  /** Statuses the caller handles itself (e.g. 404 on a lookup). */
  accept?: number[]
  timeoutMs?: number
}

export type AkeneoSend = (call: AkeneoCall) => Promise<Response<Buffer>>

/**
 * One Akeneo call: a bearer token, a concurrency slot per attempt (not while waiting), one
 * re-authentication on 401, retries on 408/429/5xx/network errors honouring Retry-After.
 * GET, PATCH and DELETE are idempotent (PATCH merges), so repeating them is harmless.
 */
export function createSend (http: Got, tokens: TokenManager, limiter: ConcurrencyLimiter, retry: RetrySettings, logger?: Logger): AkeneoSend {
  return async call => {
    const site = callSite(call.method, call.path)
    const maxRetries = call.retryable === false ? 0 : retry.limit
    let reauthenticated = false
    for (let attempt = 0; ; attempt++) {
      let response: Response<Buffer>
      let token: string
      try {
        token = await tokens.get()
        const t = token
        response = await limiter.run(async () => await http(call.path, {
          method: call.method,
          searchParams: call.searchParams,
          json: call.json,
          body: call.body?.(),
          headers: call.headers,
          context: { accessToken: t },
          responseType: 'buffer',
          ...(call.timeoutMs === undefined ? {} : { timeout: { request: call.timeoutMs } })
        }))
      } catch (error) {
        const failure = networkError(site, error)
        if (!failure.retryable || attempt >= maxRetries) throw failure
        const delayMs = retryDelay(attempt, undefined, retry)
        logger?.warn({ ...site, status: failure.status, attempt: attempt + 1, delayMs }, 'akeneo call failed, retrying')
        await sleep(delayMs)
        continue
      }
      const status = response.statusCode
      if (status === 401 && !reauthenticated) {
        // Expired or revoked token: refresh once (or log in again) and repeat, without counting an attempt.
        reauthenticated = true
        tokens.invalidate(token)
        attempt--
        continue
      }
      if (status < 400 || call.accept?.includes(status) === true) return response
      if (!isRetryableStatus(status) || attempt >= maxRetries) throw httpError(site, status, response.body)
      const retryAfter = response.headers['retry-after']
      const delayMs = retryDelay(attempt, retryAfter, retry)
      logger?.warn({ ...site, status, attempt: attempt + 1, delayMs }, 'akeneo call failed, retrying')
      await sleep(delayMs)
    }
  }
}
