import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyBaseLogger } from 'fastify'
import { EMPTY_COUNTS, type ReplayCounts, type ReplayPlan, type ReplayRun } from '../store/replay-store.js'
import type { IncomingEvent, Store, TaskTarget } from '../store/store.js'
import type { PlannedWrite } from '../sync/planned-write.js'
import { replayEventId } from '../task-keys.js'

/** What a dry run keeps of its writes and errors; beyond this they are counted only. */
export const PLANNED_CAP = 1000
const ERRORS_CAP = 100

export interface RecorderOptions {
  store: Store
  log: FastifyBaseLogger
  now: () => number
  /** Wakes the worker after an intake. */
  nudge?: (() => void) | undefined
  /** Intake waits while this many tasks are pending, leaving the webhooks room under INBOX_MAX_PENDING. */
  maxPending: number
  pollMs: number
  heartbeatMs: number
  signal?: AbortSignal | undefined
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/**
 * The bookkeeping of one run: counts (saved after every batch and on a heartbeat, so a
 * live run is visible and a dead one recognisable), the dry run's capped plan, the
 * listings that failed, and intake into the inbox with back-pressure.
 */
export class RunRecorder {
  readonly counts: ReplayCounts = { ...EMPTY_COUNTS }
  readonly plan: ReplayPlan = { writes: [], omitted: 0, errors: [] }
  readonly listErrors: string[] = []
  readonly #run: ReplayRun
  readonly #o: RecorderOptions
  readonly #heartbeat: NodeJS.Timeout

  constructor (run: ReplayRun, options: RecorderOptions) {
    this.#run = run
    this.#o = options
    this.#heartbeat = setInterval(() => {
      this.save().catch((err: unknown) => { options.log.warn({ err }, 'replay heartbeat failed') })
    }, options.heartbeatMs)
    this.#heartbeat.unref()
  }

  stop (): void { clearInterval(this.#heartbeat) }

  async save (): Promise<void> {
    await this.#o.store.replays.updateCounts(this.#run.id, this.counts, this.#o.now())
  }

  /** Runs one listing; an upstream failure ends that listing (and fails the run) but not the others. */
  async listing (name: string, walk: () => Promise<void>): Promise<void> {
    this.#o.signal?.throwIfAborted()
    try {
      await walk()
    } catch (error) {
      if (this.#o.signal?.aborted === true) throw error
      this.counts.listFailures++
      this.listErrors.push(`listing ${name} failed: ${message(error)}`)
      this.#o.log.error({ err: error, listing: name }, 'replay listing failed')
    }
    await this.save()
  }

  /**
   * One inbox event per entity, `replay:<runId>:<entityKey>@<version>`: unique per run and
   * listed version, so an entity edited during the walk (listed twice) replaces the older
   * snapshot rather than counting as a repeated delivery.
   */
  event (target: TaskTarget & { reason: string, snapshot?: string }, version: string): IncomingEvent {
    const now = this.#o.now()
    return {
      source: 'replay',
      sourceEventId: replayEventId(this.#run.id, target.entityKey, version),
      type: target.reason,
      receivedAt: now,
      task: { ...target, dueAt: now }
    }
  }

  async enqueue (events: IncomingEvent[]): Promise<void> {
    if (events.length === 0) return
    await this.#waitForRoom()
    const outcomes = await this.#o.store.intake(events)
    this.counts.queued += outcomes.filter((outcome) => outcome.status === 'accepted').length
    this.#o.nudge?.()
    await this.save()
  }

  addPlanned (writes: readonly PlannedWrite[]): void {
    this.counts.plannedWrites += writes.length
    const room = Math.max(PLANNED_CAP - this.plan.writes.length, 0)
    this.plan.writes.push(...writes.slice(0, room))
    this.plan.omitted += Math.max(writes.length - room, 0)
  }

  addFailure (entity: string, error: unknown): void {
    this.counts.failed++
    if (this.plan.errors.length < ERRORS_CAP) this.plan.errors.push(`${entity}: ${message(error)}`)
  }

  /** A replay must not fill the inbox to the point where webhooks get 429: it waits for the worker. */
  async #waitForRoom (): Promise<void> {
    let waited = false
    while (await this.#o.store.countPending() >= this.#o.maxPending) {
      if (!waited) this.#o.log.info({ maxPending: this.#o.maxPending }, 'replay waits for the inbox to drain')
      waited = true
      this.#o.nudge?.()
      await sleep(this.#o.pollMs, undefined, this.#o.signal === undefined ? {} : { signal: this.#o.signal })
      await this.save()
    }
  }
}
