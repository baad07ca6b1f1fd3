/**
 * Per-process locks on Akeneo products and models. An asset collection is one array that a
 * PATCH replaces as a whole (akeneo-api.md "Asset Manager"), so two assets placed into the
 * same product at once each read the array, add their own code and write it back: the later
 * write drops the earlier code. Holding the target's lock from the read to the write and the
 * registry record keeps those edits in sequence. Several replicas each hold their own locks:
 * between processes the same race remains (see the README's Asset Manager notes).
 */
const held = new Map<string, Promise<void>>()

async function acquire (key: string): Promise<() => void> {
  for (let current = held.get(key); current !== undefined; current = held.get(key)) await current
  let release!: () => void
  const lock = new Promise<void>((resolve) => { release = resolve })
  held.set(key, lock)
  return () => { if (held.get(key) === lock) held.delete(key); release() }
}

/** Runs `fn` holding every key's lock, taken in sorted order (two callers never wait on each other crosswise). */
export async function withTargetLocks<T> (keys: Iterable<string>, fn: () => Promise<T>): Promise<T> {
  const releases: Array<() => void> = []
  try {
    for (const key of [...new Set(keys)].sort()) releases.push(await acquire(key))
    return await fn()
  } finally {
    for (const release of releases.reverse()) release()
  }
}
