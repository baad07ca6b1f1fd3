import { createRateLimiter } from '../rate-limit.js'

/**
 * Everything this process sends to Bynder from one public IP. Bynder's WAF counts requests
 * per IP across portals (4,500 per 5 minutes, retries included) and, over that, answers 429
 * to every request until 5 minutes pass with none (bynder-api.md, audited facts): retrying
 * keeps the block alive. So every client of the same egress shares one rate budget and one
 * gate: a 429 closes the gate for all of them until `quietMs` has passed since the last 429,
 * then the rate ramps from one request per window back to the full rate over `rampMs`.
 */
export interface BynderEgress {
  /** Resolves when one request may go out. */
  acquire: () => Promise<void>
  /** A 429 came back: nothing more goes out until the quiet period has passed. */
  blocked: () => void
  isBlocked: () => boolean
}

export interface BynderEgressOptions {
  maxRequestsPerSecond: number
  /** Default 5 minutes and 30 s of margin. */
  quietMs?: number
  /** Default 1 minute. */
  rampMs?: number
  now?: () => number
  sleep?: (ms: number) => Promise<void>
}

// Arrival jitter can squeeze two sends 1000 ms apart into less at Bynder: keep a margin.
const WINDOW_MS = 1050
export const DEFAULT_BLOCK_QUIET_MS = 330_000
export const DEFAULT_BLOCK_RAMP_MS = 60_000

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

export function createBynderEgress (options: BynderEgressOptions): BynderEgress {
  const { maxRequestsPerSecond, quietMs = DEFAULT_BLOCK_QUIET_MS, rampMs = DEFAULT_BLOCK_RAMP_MS, now = Date.now, sleep = defaultSleep } = options
  let lastBlock: number | undefined
  const reopensAt = (): number => lastBlock === undefined ? -Infinity : lastBlock + quietMs
  const capacity = (): number => {
    const since = now() - reopensAt()
    if (since >= rampMs) return maxRequestsPerSecond
    return Math.max(1, Math.floor(maxRequestsPerSecond * since / rampMs))
  }
  const limiter = createRateLimiter({ maxPerWindow: capacity, windowMs: WINDOW_MS, now, sleep })
  return {
    async acquire () {
      for (;;) {
        const wait = reopensAt() - now()
        if (wait > 0) { await sleep(wait); continue }
        await limiter.acquire()
        // A 429 may have closed the gate while this caller queued for the rate.
        if (reopensAt() <= now()) return
      }
    },
    blocked () { lastBlock = now() },
    isBlocked: () => reopensAt() > now()
  }
}
