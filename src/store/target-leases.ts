/**
 * Leases on Akeneo products and models that hold across every process sharing the store
 * (replicas on one PostgreSQL database, a CLI job next to `serve` on one SQLite file). Each
 * call is one short statement per key: no connection or transaction is kept while a lease is
 * held, because the holder then spends seconds on Akeneo calls and needs the pool for its own
 * registry writes. Waiting, renewing and giving up are the caller's (handlers/target-locks.ts).
 */
export interface TargetLeaseStore {
  /**
   * Takes `keys` for `owner` until `until`, in the order given (callers sort them, so two
   * takers never wait on each other crosswise): a key is taken when it is free, its lease
   * ended before `now` (a crashed holder), or `owner` holds it already. Stops at the first key
   * another owner holds and returns it, the keys before it held; null = all of them held.
   */
  acquire: (keys: readonly string[], owner: string, now: number, until: number) => Promise<string | null>
  /** Extends `owner`'s leases on `keys`; how many it still held. */
  renew: (keys: readonly string[], owner: string, until: number) => Promise<number>
  /** Ends `owner`'s leases on `keys`; a key another owner took over meanwhile stays theirs. */
  release: (keys: readonly string[], owner: string) => Promise<void>
}
