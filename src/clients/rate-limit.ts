/**
 * A sliding-window limiter: at most `maxPerWindow` grants in any `windowMs`. One instance
 * is shared by every request of a client, retries included, so the whole client stays under
 * the upstream's limit (Bynder: fixed per IP, excess gets 429 without Retry-After).
 * Grants are handed out in call order (FIFO) through a single promise chain.
 */
export interface RateLimiter {
  /** Resolves when the caller may send one request. */
  acquire: () => Promise<void>
}

export interface RateLimiterOptions {
  /** A function is read at every grant (a budget that ramps up after a block). */
  maxPerWindow: number | (() => number)
  windowMs?: number
  now?: () => number
  sleep?: (ms: number) => Promise<void>
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

export function createRateLimiter (options: RateLimiterOptions): RateLimiter {
  const { windowMs = 1000, now = Date.now, sleep = defaultSleep } = options
  const max = typeof options.maxPerWindow === 'function' ? options.maxPerWindow : () => options.maxPerWindow as number
  if (typeof options.maxPerWindow === 'number' && (!Number.isFinite(options.maxPerWindow) || options.maxPerWindow < 1)) throw new RangeError('maxPerWindow must be ≥ 1')
  const grants: number[] = []
  let tail: Promise<void> = Promise.resolve()

  const takeTurn = async (): Promise<void> => {
    for (;;) {
      const t = now()
      while (grants.length > 0 && grants[0]! <= t - windowMs) grants.shift()
      if (grants.length < Math.max(1, max())) {
        grants.push(t)
        return
      }
      await sleep(grants[0]! + windowMs - t)
    }
  }

  return {
    acquire () {
      const turn = tail.then(takeTurn)
      tail = turn.catch(() => undefined)
      return turn
    }
  }
}
