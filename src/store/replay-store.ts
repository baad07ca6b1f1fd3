/**
 * Replay runs and entity versions as the rest of the service sees them (issue 6). Reached
 * as `store.replays` and `store.versions`, so a PostgreSQL store implements them next to
 * its inbox. Times are epoch milliseconds passed in by the caller, like the inbox's.
 */
import type { PlannedWrite } from '../sync/planned-write.js'
import type { TaskStatus } from './store.js'

export type ReplayJob = 'import-assets' | 'update-properties' | 'update-mapped-properties'
export type ReplayTrigger = 'api' | 'schedule' | 'cli'
export type ReplayStatus = 'running' | 'done' | 'failed'

/**
 * Recorded as a run goes. Once the listing is over, `listed = settled + queued` (a dry run:
 * `listed = settled + planned`), except for an entity an edit made appear twice.
 */
export interface ReplayCounts {
  /** Entities the list pages showed (trash entries included). */
  listed: number
  /** Already in step with what was listed: no task, no upstream call. */
  settled: number
  /** Tasks put in the inbox. */
  queued: number
  /** Of the queued (or planned): deleted Bynder assets (from the trash) with links to remove. */
  deleted: number
  /** Listings that failed after the client's retries (the run then ends `failed`). */
  listFailures: number
  /** Dry runs: entities planned in-process instead of queued. */
  planned: number
  /** Dry runs: writes the handlers would make. */
  plannedWrites: number
  /** Dry runs: planned entities whose planning failed (the reason is in `planned.errors`). */
  failed: number
}

export const EMPTY_COUNTS: Readonly<ReplayCounts> = { listed: 0, settled: 0, queued: 0, deleted: 0, listFailures: 0, planned: 0, plannedWrites: 0, failed: 0 }

/** What a dry run would do; capped so one run cannot grow a row without bound. */
export interface ReplayPlan {
  writes: PlannedWrite[]
  /** Writes beyond the cap, counted but not kept. */
  omitted: number
  /** Why planning an entity failed, capped the same way. */
  errors: string[]
}

export interface NewReplayRun {
  job: ReplayJob
  credentialCode: string
  windowStart: number
  windowEnd: number
  dryRun: boolean
  trigger: ReplayTrigger
  /** Also the run's first heartbeat. */
  startedAt: number
}

export interface ReplayRun extends NewReplayRun {
  id: number
  status: ReplayStatus
  counts: ReplayCounts
  planned: ReplayPlan | null
  error: string | null
  /** The heartbeat: a running run not updated for a while is taken as crashed. */
  updatedAt: number
  finishedAt: number | null
}

export type CreateRunResult = { created: ReplayRun } | { running: ReplayRun }

export interface ReplayRunStore {
  /**
   * Atomically (across processes sharing the store): a run that is not a dry run is refused
   * while another non-dry run of the same job and credential is live — the live one is
   * returned instead. A `running` run whose heartbeat is older than `staleBefore` is marked
   * failed first (its process died) and does not block.
   */
  create: (run: NewReplayRun, staleBefore: number) => Promise<CreateRunResult>
  /** Records the counts so far; doubles as the heartbeat. */
  updateCounts: (id: number, counts: ReplayCounts, now: number) => Promise<void>
  finish: (id: number, outcome: { status: 'done' | 'failed', counts: ReplayCounts, planned?: ReplayPlan, error?: string, now: number }) => Promise<void>
  get: (id: number) => Promise<ReplayRun | null>
  /** The latest `done` non-dry run of the job and credential (by start), optionally of given triggers only. */
  lastSuccessful: (job: ReplayJob, credentialCode: string, triggers?: readonly ReplayTrigger[]) => Promise<ReplayRun | null>
  /** The live non-dry run of the job and credential, if any (heartbeat at or after `staleBefore`). */
  running: (job: ReplayJob, credentialCode: string, staleBefore: number) => Promise<ReplayRun | null>
  /** Status of the tasks the run's events fed (coalesced tasks counted once). */
  taskProgress: (id: number) => Promise<Record<TaskStatus, number>>
  /** Runs newest first (by id), below `before` when given (keyset paging; the console's list). */
  list: (filter: { limit: number, before?: number }) => Promise<ReplayRun[]>
}

/**
 * What the handlers last synced of an Akeneo entity (`product:<uuid>`, `product_model:<code>`):
 * its `updated` and the mapping it was synced with, so a replay can leave it alone.
 */
export interface EntityVersionStore {
  get: (keys: readonly string[]) => Promise<Map<string, string>>
  set: (key: string, version: string, now: number) => Promise<void>
}
