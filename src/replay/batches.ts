/** Groups a stream into arrays of at most `size`: one batch in memory at a time, never the listing. */
export async function * inBatches<T> (items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = []
  for await (const item of items) {
    batch.push(item)
    if (batch.length >= size) {
      yield batch
      batch = []
    }
  }
  if (batch.length > 0) yield batch
}

/**
 * Like `inBatches`, but each item is passed to `needsWork` as it streams by, and a batch holds
 * only the items it answered true for: one batch per `size` items read (it may be empty),
 * so a replay keeps the few listed entities that need a task, never a batch of settled ones.
 */
export async function * openInBatches<T> (items: AsyncIterable<T>, size: number, needsWork: (item: T) => Promise<boolean>): AsyncGenerator<T[]> {
  let open: T[] = []
  let read = 0
  for await (const item of items) {
    if (await needsWork(item)) open.push(item)
    if (++read % size === 0) {
      yield open
      open = []
    }
  }
  if (read % size !== 0) yield open
}

/** Runs `fn` over the items with at most `limit` at once (dry runs plan in-process). */
export async function eachLimited<T> (items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const lane = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]!)
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane))
}
