import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import { setTimeout as sleep } from 'node:timers/promises'
import type { TargetLeaseStore } from '../store/target-leases.js'

/**
 * Locks on Akeneo products and models that hold across processes sharing the store. An asset
 * collection is one array that a PATCH replaces as a whole (akeneo-api.md "Asset Manager"), so
 * two assets placed into the same product at once each read the array, add their own code and
 * write it back: the later write drops the earlier code. Holding the target's lock from the
 * read to the write and the registry record keeps those edits in sequence, between replicas
 * and a CLI job as well as within one process.
 *
 * Two layers: callers of one store (one process) queue in memory first, so a process never
 * polls the table against itself; the one at the head then takes the store's lease rows
 * (store.targetLeases), polling while another process holds one. No connection stays open
 * while a lease is held; the lease is renewed while `fn` runs, so a live holder keeps it and a
 * crashed one frees the key when its lease ends.
 */
export interface TargetLockOptions {
  /** A lease's length; renewed every quarter of it while `fn` runs. */
  leaseMs?: number
  /** How long a caller waits for its keys in all before it gives up (the task is retried). */
  waitMs?: number
  clock?: () => number
}

// Longer than a renewal gap and a GC or event-loop stall; a crashed holder blocks its targets this long at most.
const LEASE_MS = 120_000
// Beyond one lease, so a waiter behind a crashed holder takes the key over before it gives up.
const WAIT_MS = 180_000
// Polling starts short (a collection write takes a few hundred ms) and backs off to a cap.
const POLL_FIRST_MS = 10
const POLL_CAP_MS = 50

/** Another writer held a target for longer than the wait: the task fails and is retried later. */
export class TargetBusyError extends Error {
  override readonly name = 'TargetBusyError'
}

interface LockState { owner: string, held: Map<string, Promise<void>> }

/** One owner and one queue per store: per process in production, per app in tests that run two on one database. */
const states = new WeakMap<TargetLeaseStore, LockState>()
function stateOf (leases: TargetLeaseStore): LockState {
  let state = states.get(leases)
  if (state === undefined) {
    // Host and pid tell an operator reading target_leases whose lease a row is.
    state = { owner: `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`, held: new Map() }
    states.set(leases, state)
  }
  return state
}

const describeKey = (key: string): string => key.replace('\n', ' ')
const busy = (key: string, waitMs: number): TargetBusyError =>
  new TargetBusyError(`${describeKey(key)}: another writer held its asset collections for more than ${waitMs} ms; retried later`)

async function settlesWithin (promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const expired = new Promise<boolean>((resolve) => { timer = setTimeout(resolve, Math.max(0, ms), false) })
  try { return await Promise.race([promise.then(() => true), expired]) } finally { clearTimeout(timer) }
}

async function queue (held: Map<string, Promise<void>>, key: string, until: number, options: Required<TargetLockOptions>): Promise<() => void> {
  for (let current = held.get(key); current !== undefined; current = held.get(key)) {
    if (!await settlesWithin(current, until - options.clock())) throw busy(key, options.waitMs)
  }
  let release!: () => void
  const lock = new Promise<void>((resolve) => { release = resolve })
  held.set(key, lock)
  return () => { if (held.get(key) === lock) held.delete(key); release() }
}

async function takeLeases (leases: TargetLeaseStore, keys: string[], owner: string, until: number, options: Required<TargetLockOptions>): Promise<void> {
  let remaining = keys
  for (let attempt = 0; ; attempt++) {
    const now = options.clock()
    const blocked = await leases.acquire(remaining, owner, now, now + options.leaseMs)
    if (blocked === null) return
    remaining = remaining.slice(remaining.indexOf(blocked))
    if (options.clock() >= until) throw busy(blocked, options.waitMs)
    await sleep(Math.min(POLL_CAP_MS, POLL_FIRST_MS * 2 ** attempt, Math.max(1, until - options.clock())))
  }
}

/** Renews every quarter lease; a store error is tried again at the next tick (three more before the lease ends). */
function keepLeases (leases: TargetLeaseStore, keys: string[], owner: string, options: Required<TargetLockOptions>): { lost: () => boolean, stop: () => void } {
  let lost = false
  const timer = setInterval(() => {
    leases.renew(keys, owner, options.clock() + options.leaseMs).then((held) => { if (held < keys.length) lost = true }, () => {})
  }, Math.max(10, Math.floor(options.leaseMs / 4)))
  timer.unref()
  return { lost: () => lost, stop: () => { clearInterval(timer) } }
}

/**
 * Runs `fn` holding every key's lock, taken in sorted order (two callers never wait on each
 * other crosswise). Throws TargetBusyError, naming the target, when the keys are not all held
 * within `waitMs`.
 */
export async function withTargetLocks<T> (leases: TargetLeaseStore, keys: Iterable<string>, fn: () => Promise<T>, options: TargetLockOptions = {}): Promise<T> {
  const settings: Required<TargetLockOptions> = { leaseMs: LEASE_MS, waitMs: WAIT_MS, clock: Date.now, ...options }
  const sorted = [...new Set(keys)].sort()
  const { owner, held } = stateOf(leases)
  const until = settings.clock() + settings.waitMs
  const releases: Array<() => void> = []
  let asked = false
  try {
    for (const key of sorted) releases.push(await queue(held, key, until, settings))
    asked = true
    await takeLeases(leases, sorted, owner, until, settings)
    const renewal = keepLeases(leases, sorted, owner, settings)
    try {
      const result = await fn()
      // Only after a stall longer than a lease: another writer may have overwritten ours; the retry puts our codes back.
      if (renewal.lost()) throw new Error(`${sorted.map(describeKey).join(', ')}: the lease ended while its asset collections were written; retried`)
      return result
    } finally { renewal.stop() }
  } finally {
    // Deletes only this owner's rows (none for keys never taken). A failed delete leaves rows that expire after one lease.
    if (asked) await leases.release(sorted, owner).catch(() => {})
    for (const release of releases.reverse()) release()
  }
}
