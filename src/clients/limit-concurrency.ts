/**
 * At most `max` tasks run at once; the rest wait in FIFO order. Used to stay under an
 * upstream's concurrency limit (Akeneo: 4 calls in flight per connection).
 */
export interface ConcurrencyLimiter {
  run: <T>(task: () => Promise<T>) => Promise<T>
  readonly active: number
  readonly pending: number
}

export function limitConcurrency (max: number): ConcurrencyLimiter {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`concurrency must be a positive integer, got ${max}`)
  let active = 0
  const queue: Array<() => void> = []

  const release = (): void => {
    const next = queue.shift()
    // Hand the slot straight to the next waiter so a newcomer cannot overtake it.
    if (next !== undefined) next()
    else active -= 1
  }

  const acquire = async (): Promise<void> => {
    if (active < max) {
      active += 1
      return
    }
    await new Promise<void>(resolve => queue.push(resolve))
  }

  return {
    async run (task) {
      await acquire()
      try {
        return await task()
      } finally {
        release()
      }
    },
    get active () { return active },
    get pending () { return queue.length }
  }
}

/** The same bound, reporting how long each task waited for its slot (metrics). */
export function reportingWaits (limiter: ConcurrencyLimiter, onWait: ((ms: number) => void) | undefined): ConcurrencyLimiter {
  if (onWait === undefined) return limiter
  return {
    async run (task) {
      const queued = performance.now()
      return await limiter.run(async () => {
        onWait(performance.now() - queued)
        return await task()
      })
    },
    get active () { return limiter.active },
    get pending () { return limiter.pending }
  }
}
