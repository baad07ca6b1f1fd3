/**
 * The inbox size for the 429 back-pressure check without a COUNT(*) per request (that count
 * grows with the backlog and cost ~15 % of intake throughput in `npm run bench`). It re-reads
 * the store at most every `maxAgeMs` and adds what this process accepted since, so it only
 * errs high (tasks finished meanwhile), which is the safe side for a limit.
 */
export function createPendingGauge (count: () => Promise<number>, maxAgeMs = 250, clock: () => number = Date.now) {
  let known = 0
  let readAt = -Infinity
  let reading: Promise<number> | undefined
  return {
    async current (): Promise<number> {
      if (clock() - readAt > maxAgeMs) {
        reading ??= count().then((value) => { known = value; readAt = clock(); return value }).finally(() => { reading = undefined })
        await reading
      }
      return known
    },
    added (tasks: number): void { known += tasks }
  }
}
