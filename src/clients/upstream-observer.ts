/**
 * What the clients report about their traffic, for metrics. Optional in the clients'
 * options; the clients know nothing about Prometheus (src/metrics turns these into series).
 */
export type UpstreamApiName = 'akeneo' | 'bynder'

export interface UpstreamObserver {
  /** One HTTP attempt: retries count again. `status` null = no answer (timeout, reset). */
  response: (event: { api: UpstreamApiName, method: string, path: string, status: number | null, durationMs: number }) => void
  /** Time a request waited before it could be sent: Bynder's rate limiter, Akeneo's concurrency bound. */
  waited: (event: { api: UpstreamApiName, bound: 'rate_limit' | 'concurrency', ms: number }) => void
}
