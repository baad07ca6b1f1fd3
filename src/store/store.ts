/**
 * The state store as the rest of the service sees it. Handlers, routes and the worker use
 * only this interface, so a PostgreSQL implementation (claims with FOR UPDATE SKIP LOCKED)
 * can follow the SQLite one without touching them. Methods are async for that reason even
 * though better-sqlite3 is synchronous. Times are epoch milliseconds passed in by the
 * caller: the store owns no clock, which keeps leases and backoff testable.
 */
import type { AssetWriteLog } from './asset-writes.js'
import type { CollectionRegistry } from './collection-registry.js'
import type { LinkRegistry } from './link-registry.js'
import type { EntityVersionStore, ReplayRunStore } from './replay-store.js'
import type { TargetLeaseStore } from './target-leases.js'

export type TaskKind = 'asset' | 'product' | 'product_model'
export type TaskStatus = 'pending' | 'running' | 'done' | 'dead'
/** `replay`: an entity a replay run listed (POST /replay, the schedule, the CLI jobs). */
export type EventSource = 'bynder' | 'akeneo_event_platform' | 'akeneo_events_api' | 'replay'
export type EventStatus = 'accepted' | 'ignored' | 'duplicate'

/** What a task needs to name its entity; handlers read current state from the APIs. */
export interface TaskTarget {
  kind: TaskKind
  /** `asset:<credential>:<mediaId>`, `product:<uuid>`, `product_model:<code>`. */
  entityKey: string
  /** Bynder credential code for assets; absent otherwise. */
  credentialCode?: string
  /** Media id, product uuid or product model code. */
  entityId: string
}

/** One received delivery, normalised. `task` absent = recorded as ignored (with `ignoredReason`). */
export interface IncomingEvent {
  source: EventSource
  sourceEventId: string
  /** Bynder Subject, CloudEvent type or Events API action. */
  type: string
  receivedAt: number
  /**
   * `snapshot`: the entity as a list page showed it (JSON), for the handler to plan from
   * instead of reading it again. Absent = "read the current state" (a live event): that
   * clears the snapshot of the pending task it coalesces into, and a later snapshot does
   * not overrule it — a list page may lag behind what the event announced.
   */
  task?: TaskTarget & { reason: string, dueAt: number, snapshot?: string }
  ignoredReason?: string
}

export interface IntakeOutcome {
  eventId: number
  status: EventStatus
  taskId: number | null
}

export interface Task extends TaskTarget {
  id: number
  status: TaskStatus
  reasons: string[]
  attempts: number
  dueAt: number
  leaseOwner: string | null
  leaseUntil: number | null
  lastError: string | null
  outcome: string | null
  /** JSON of the entity as a replay listed it; null = read the current state. Cleared once the task is done or dead. */
  snapshot: string | null
  createdAt: number
  updatedAt: number
}

export interface StoredEvent {
  id: number
  source: EventSource
  sourceEventId: string
  type: string
  receivedAt: number
  status: EventStatus
  deliveries: number
  ignoredReason: string | null
  taskId: number | null
}

export interface EventWithTask extends StoredEvent {
  task: Task | null
}

export interface EventFilter {
  /** An event status (accepted|ignored) or the status of the task it fed (pending|running|done|dead). */
  status?: EventStatus | TaskStatus
  source?: EventSource
  kind?: TaskKind
  /** Keyset pagination: events with an id below this one (newest first). */
  before?: number
  limit: number
}

export interface ClaimOptions {
  now: number
  owner: string
  leaseMs: number
  limit: number
  /** A task whose lease expired this many times is not run again: it goes dead. */
  maxAttempts: number
}

/** The inbox at a glance (GET /events counts, metrics, the console). */
export interface InboxHealth {
  /** Tasks by kind and status (every kind and status present, 0 when none). */
  tasks: Record<TaskKind, Record<TaskStatus, number>>
  /** `created_at` of the oldest pending task; null when none is pending. */
  oldestPendingCreatedAt: number | null
}

export function emptyInboxHealth (): InboxHealth {
  const none = (): Record<TaskStatus, number> => ({ pending: 0, running: 0, done: 0, dead: 0 })
  return { tasks: { asset: none(), product: none(), product_model: none() }, oldestPendingCreatedAt: null }
}

export interface Store {
  /**
   * Records deliveries atomically (all or none): new source event ids become events, known
   * ones count as another delivery and change nothing else; tasks coalesce into the pending
   * task of the same entity. Resolves only after the commit.
   */
  intake (events: IncomingEvent[]): Promise<IntakeOutcome[]>
  countPending (): Promise<number>
  /** Leases due pending tasks and running tasks whose lease expired, at most one per entity. */
  claim (options: ClaimOptions): Promise<Task[]>
  /** The following three do nothing (false) when `owner` no longer holds the lease. */
  complete (taskId: number, owner: string, now: number, outcome?: string): Promise<boolean>
  fail (taskId: number, owner: string, now: number, failure: { error: string, retryAt: number | null }): Promise<boolean>
  /** Extends a held lease while a long handler runs; false when the lease was lost. */
  renew (taskId: number, owner: string, now: number, leaseUntil: number): Promise<boolean>
  /** Gives a claimed task back untouched (shutdown): pending again, the attempt not counted. */
  release (taskId: number, owner: string, now: number): Promise<boolean>
  /** Makes the task fed by this event pending and due now with fresh attempts; null when there is none. */
  retryEventTask (eventId: number, now: number): Promise<Task | null>
  /** The event recorded for a source event id, if any (deduping side effects such as SNS confirmations). */
  findEvent (source: EventSource, sourceEventId: string): Promise<StoredEvent | null>
  getTask (taskId: number): Promise<Task | null>
  getEvent (eventId: number): Promise<EventWithTask | null>
  listEvents (filter: EventFilter): Promise<EventWithTask[]>
  /** The link registry (issue 4): what this service wrote into Akeneo, per asset and slot. */
  links: LinkRegistry
  /** Replay runs (issue 6): counts, status, heartbeat, the dry runs' planned writes. */
  replays: ReplayRunStore
  /** What the product handler last synced of each Akeneo entity (issue 6). */
  versions: EntityVersionStore
  /** What this service last posted to each Bynder asset (issue 10: writes apply late). */
  assetWrites: AssetWriteLog
  /** What this service put into Akeneo asset collections, and the Akeneo assets it made (issue 16). */
  collections: CollectionRegistry
  /** Leases on Akeneo products and models across processes: collection edits in sequence. */
  targetLeases: TargetLeaseStore
  /** Task counts by kind and status and the oldest pending task. */
  inboxHealth (): Promise<InboxHealth>
  /** Readiness: the store answers a trivial query. */
  ping (): Promise<boolean>
  close (): Promise<void>
}
