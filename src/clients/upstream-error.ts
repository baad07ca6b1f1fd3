/**
 * An upstream (Bynder or Akeneo) call that failed. Carries what an operator needs —
 * which API, which call, the status and the upstream's own message — and never a token
 * or a request body. `retryable` drives the worker: 408/429/5xx/network errors are
 * worth another attempt later; other 4xx (a 422 validation error, a 404) are not.
 */
export type UpstreamApi = 'akeneo' | 'bynder'

export interface UpstreamErrorDetail {
  property?: string
  message: string
  attribute?: string
  locale?: string | null
  scope?: string | null
}

export class UpstreamError extends Error {
  override readonly name = 'UpstreamError'
  readonly api: UpstreamApi
  readonly status: number | undefined
  readonly method: string
  readonly path: string
  readonly retryable: boolean
  readonly details: UpstreamErrorDetail[]

  constructor (args: {
    api: UpstreamApi
    method: string
    path: string
    status?: number
    message: string
    details?: UpstreamErrorDetail[]
    cause?: unknown
  }) {
    super(`${args.api} ${args.method} ${args.path}${args.status === undefined ? '' : ` → ${args.status}`}: ${args.message}`, { cause: args.cause })
    this.api = args.api
    this.method = args.method
    this.path = args.path
    this.status = args.status
    this.details = args.details ?? []
    this.retryable = isRetryableStatus(args.status)
  }
}

/** No status means the request never got an answer (timeout, connection reset). */
export function isRetryableStatus (status: number | undefined): boolean {
  return status === undefined || status === 408 || status === 429 || status >= 500
}
