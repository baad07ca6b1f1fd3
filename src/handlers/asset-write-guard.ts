/**
 * Two product tasks that share an asset run at the same time (tasks are serialised per
 * product, not per asset): both would read the asset, then both post the same set. In this
 * process, posts to one asset take turns, and a holder re-reads an asset that another
 * holder wrote after it was read — so the second post sees the first and writes nothing.
 */
export class AssetWriteGuard {
  readonly #queues = new Map<string, Promise<void>>()
  readonly #writtenAt = new Map<string, number>()
  readonly #forgetAfterMs: number

  constructor (forgetAfterMs = 60_000) {
    this.#forgetAfterMs = forgetAfterMs
  }

  /** Runs `fn` alone for this asset; `stale(readAt)` says whether it was written since. */
  async run<T> (key: string, fn: (stale: (readAt: number) => boolean, written: () => void) => Promise<T>): Promise<T> {
    const previous = this.#queues.get(key) ?? Promise.resolve()
    let release!: () => void
    const mine = new Promise<void>((resolve) => { release = resolve })
    const queued = previous.then(() => mine)
    this.#queues.set(key, queued)
    await previous
    try {
      return await fn(
        (readAt) => (this.#writtenAt.get(key) ?? -Infinity) >= readAt,
        () => { this.#remember(key) }
      )
    } finally {
      release()
      if (this.#queues.get(key) === queued) this.#queues.delete(key)
    }
  }

  #remember (key: string): void {
    const now = Date.now()
    // Re-inserted so the map stays in write order (oldest first) for the pruning below.
    this.#writtenAt.delete(key)
    this.#writtenAt.set(key, now)
    // Only writes that overlap a concurrent holder matter: old entries are dropped.
    for (const [other, at] of this.#writtenAt) {
      if (now - at <= this.#forgetAfterMs) break
      this.#writtenAt.delete(other)
    }
  }
}
