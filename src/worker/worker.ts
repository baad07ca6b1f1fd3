import { randomUUID } from 'node:crypto'
import type { FastifyBaseLogger } from 'fastify'
import type { Store, Task } from '../store/store.js'
import { backoffDelay, type BackoffOptions } from './backoff.js'
import type { HandlerRegistry } from './handlers.js'
import { describeError, isRetryable } from './task-errors.js'

export interface WorkerOptions {
  store: Store
  handlers: HandlerRegistry
  log: FastifyBaseLogger
  concurrency: number
  maxAttempts: number
  leaseMs: number
  backoff: BackoffOptions
  /** Idle wait between claims when nothing is due (intake nudges it awake sooner). */
  pollMs?: number
  /** How long stop() lets running handlers finish before aborting and giving tasks back. */
  shutdownGraceMs?: number
  clock?: () => number
  random?: () => number
  /** Metrics: how each attempt ended and how long it ran. */
  observer?: TaskObserver
}

/** `lease_lost`: the handler finished after another worker took the task over. */
export type TaskOutcome = 'done' | 'retry' | 'dead' | 'lease_lost'

export interface TaskObserver {
  taskFinished: (event: { kind: Task['kind'], outcome: TaskOutcome, attempt: number, durationMs: number }) => void
}

interface Running { promise: Promise<void>, controller: AbortController, task: Task, owner: string }

/**
 * Claims due tasks with a lease, runs each kind's handler with bounded concurrency, and
 * records the result: done, pending again after backoff (retryable, attempts left) or dead.
 * Every claim call leases under a fresh owner id, so a worker whose lease expired (stalled,
 * or "crashed" in a test) can no longer complete or fail a task someone else re-claimed.
 */
export class Worker {
  readonly #o: Required<Omit<WorkerOptions, 'observer'>>
  readonly #observer: TaskObserver | undefined
  readonly #id = randomUUID().slice(0, 8)
  readonly #running = new Map<number, Running>()
  #claims = 0
  #stopping = false
  #loop: Promise<void> | undefined
  #wake: (() => void) | undefined

  constructor (options: WorkerOptions) {
    // Grace below close-with-grace's 10 s in src/server.ts, so tasks are given back before a forced exit.
    const { observer, ...rest } = options
    this.#o = { pollMs: 500, shutdownGraceMs: 5_000, clock: Date.now, random: Math.random, ...rest }
    this.#observer = observer
  }

  start (): void {
    if (this.#loop !== undefined) return
    this.#stopping = false
    this.#loop = this.#run()
  }

  /** Intake calls this after a commit so a due task starts without waiting for the poll. */
  nudge (): void { this.#wake?.() }

  /** Claims what is due (up to free slots), runs it and waits for it. Returns how many ran. */
  async runOnce (): Promise<number> {
    const tasks = await this.#claim()
    await Promise.all(tasks.map((task) => this.#running.get(task.id)?.promise))
    return tasks.length
  }

  /** runOnce until nothing is due (tests, the CLI's run-to-completion commands). */
  async drain (maxRounds = 1000): Promise<number> {
    let total = 0
    for (let round = 0; round < maxRounds; round++) {
      const ran = await this.runOnce()
      if (ran === 0) break
      total += ran
    }
    return total
  }

  /** Stops claiming, lets handlers finish within the grace period, then gives the rest back. */
  async stop (): Promise<void> {
    this.#stopping = true
    this.nudge()
    await this.#loop
    this.#loop = undefined
    const running = [...this.#running.values()]
    let timer: NodeJS.Timeout | undefined
    const grace = new Promise<void>((resolve) => { timer = setTimeout(resolve, this.#o.shutdownGraceMs) })
    await Promise.race([Promise.allSettled(running.map((entry) => entry.promise)), grace])
    clearTimeout(timer)
    for (const entry of this.#running.values()) {
      entry.controller.abort()
      // Released tasks are pending again at once, attempt not counted; the late handler's
      // own complete/fail then finds the lease gone and changes nothing.
      await this.#o.store.release(entry.task.id, entry.owner, this.#o.clock())
      this.#o.log.warn({ taskId: entry.task.id }, 'task given back at shutdown')
    }
  }

  async #run (): Promise<void> {
    while (!this.#stopping) {
      const free = this.#o.concurrency - this.#running.size
      const claimed = free > 0 ? await this.#claim().catch((err: unknown) => { this.#o.log.error({ err }, 'claiming tasks failed'); return [] }) : []
      if (claimed.length > 0 && claimed.length === free) continue
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => { this.#wake = undefined; resolve() }, this.#o.pollMs)
        this.#wake = () => { clearTimeout(timer); this.#wake = undefined; resolve() }
      })
    }
  }

  async #claim (): Promise<Task[]> {
    const free = this.#o.concurrency - this.#running.size
    if (free <= 0) return []
    const owner = `${this.#id}/${++this.#claims}`
    const tasks = await this.#o.store.claim({ now: this.#o.clock(), owner, leaseMs: this.#o.leaseMs, limit: free, maxAttempts: this.#o.maxAttempts })
    for (const task of tasks) {
      const controller = new AbortController()
      const promise = this.#execute(task, owner, controller).finally(() => {
        this.#running.delete(task.id)
        this.nudge()
      })
      this.#running.set(task.id, { promise, controller, task, owner })
    }
    return tasks
  }

  async #execute (task: Task, owner: string, controller: AbortController): Promise<void> {
    const { store, clock, maxAttempts } = this.#o
    const { signal } = controller
    const log = this.#o.log.child({ taskId: task.id, kind: task.kind, entity: task.entityKey, attempt: task.attempts })
    const heartbeat = this.#keepLease(task, owner, log, controller)
    const started = performance.now()
    const finished = (outcome: TaskOutcome): void => {
      this.#observer?.taskFinished({ kind: task.kind, outcome, attempt: task.attempts, durationMs: performance.now() - started })
    }
    try {
      const outcome = await this.#o.handlers.get(task.kind)(task, { log, signal })
      if (!await store.complete(task.id, owner, clock(), outcome ?? undefined)) {
        log.warn('finished after losing the lease; the new owner decides')
        finished('lease_lost')
      } else {
        log.debug('task done')
        finished('done')
      }
    } catch (err) {
      if (signal.aborted) return
      const retry = isRetryable(err) && task.attempts < maxAttempts
      const retryAt = retry ? clock() + backoffDelay(task.attempts, this.#o.backoff, this.#o.random) : null
      try {
        await store.fail(task.id, owner, clock(), { error: describeError(err), retryAt })
      } catch (storeErr) {
        // The lease will expire and the task come back: nothing is lost, only delayed.
        log.error({ err: storeErr }, 'could not record a task failure')
      }
      if (retryAt === null) log.error({ err }, 'task dead')
      else log.warn({ err, retryAt }, 'task failed; will retry')
      finished(retryAt === null ? 'dead' : 'retry')
    } finally {
      clearInterval(heartbeat)
    }
  }

  /**
   * Renews the lease at a quarter of its length while the handler runs (a large file can take
   * longer than one lease to move), so no other worker claims a task that is still alive —
   * which is what lets leases be short, and a crashed process's tasks come back within one
   * lease. A lease found lost (this process stalled past it; another replica owns the task
   * now) aborts the handler: it stops writing, and the store refuses its complete/fail.
   */
  #keepLease (task: Task, owner: string, log: FastifyBaseLogger, controller: AbortController): NodeJS.Timeout {
    const { store, clock, leaseMs } = this.#o
    const timer = setInterval(() => {
      store.renew(task.id, owner, clock(), clock() + leaseMs).then((held) => {
        if (held || controller.signal.aborted) return
        log.warn('lease lost while the task ran; stopping it, the new owner decides')
        controller.abort(new Error('lease lost'))
      }, (err: unknown) => log.error({ err }, 'could not renew the lease'))
    }, Math.max(10, Math.floor(leaseMs / 4)))
    timer.unref()
    return timer
  }
}
