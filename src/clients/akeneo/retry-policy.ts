/** Retry timing: exponential backoff with jitter, and Akeneo's `Retry-After` honoured but capped. */
export interface RetrySettings {
  /** Retries after the first attempt. */
  limit: number
  baseDelayMs: number
  maxDelayMs: number
  /** Upper bound for a server-sent Retry-After, so one answer cannot stall a worker for hours. */
  maxRetryAfterMs: number
}

export const DEFAULT_RETRY: RetrySettings = { limit: 4, baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 60_000 }

/** "Equal jitter": between half and all of the exponential step, so retries spread out but still back off. */
export function backoffDelay (attempt: number, settings: RetrySettings, random: () => number = Math.random): number {
  const step = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** attempt)
  return Math.round(step / 2 + random() * step / 2)
}

/** `Retry-After` is delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter (header: string | undefined, now: number = Date.now()): number | undefined {
  if (header === undefined || header.trim() === '') return undefined
  if (/^\d+(\.\d+)?$/.test(header.trim())) return Number(header) * 1000
  const at = Date.parse(header)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

export function retryDelay (attempt: number, retryAfterHeader: string | undefined, settings: RetrySettings): number {
  const retryAfter = parseRetryAfter(retryAfterHeader)
  return retryAfter === undefined ? backoffDelay(attempt, settings) : Math.min(retryAfter, settings.maxRetryAfterMs)
}
