export interface BackoffOptions {
  baseMs: number
  capMs: number
}

/**
 * Delay before attempt `attempt + 1`, given that `attempt` (1-based) just failed:
 * exponential (base·2^(attempt−1)), capped, with "equal jitter" — half fixed, half random —
 * so retries of many tasks failing together spread out yet never collapse to zero.
 * `random` is injectable to keep this pure.
 */
export function backoffDelay (attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30)
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** exponent)
  return Math.round(ceiling / 2 + random() * (ceiling / 2))
}
