/** At most `limit` takes in any `windowMs` (a sliding window of take times). */
export function createFetchBudget (limit: number, windowMs: number, clock: () => number): { take: () => boolean } {
  const taken: number[] = []
  return {
    take () {
      const now = clock()
      while (taken.length > 0 && taken[0]! <= now - windowMs) taken.shift()
      if (taken.length >= limit) return false
      taken.push(now)
      return true
    }
  }
}
