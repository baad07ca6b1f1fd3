import type { EventSource, EventStatus, EventWithTask, StoredEvent, Task, TaskKind, TaskStatus } from './store.js'

/** Column names as SQLite returns them; mapped to the store's camelCase types in one place. */
export interface TaskRow {
  id: number
  kind: TaskKind
  entity_key: string
  entity_id: string
  credential_code: string | null
  status: TaskStatus
  reasons: string
  attempts: number
  due_at: number
  lease_owner: string | null
  lease_until: number | null
  last_error: string | null
  outcome: string | null
  snapshot: string | null
  created_at: number
  updated_at: number
}

export interface EventRow {
  id: number
  source: EventSource
  source_event_id: string
  type: string
  received_at: number
  status: EventStatus
  deliveries: number
  ignored_reason: string | null
  task_id: number | null
}

export function toTask (row: TaskRow): Task {
  return {
    id: row.id,
    kind: row.kind,
    entityKey: row.entity_key,
    entityId: row.entity_id,
    ...(row.credential_code === null ? {} : { credentialCode: row.credential_code }),
    status: row.status,
    reasons: JSON.parse(row.reasons) as string[],
    attempts: row.attempts,
    dueAt: row.due_at,
    leaseOwner: row.lease_owner,
    leaseUntil: row.lease_until,
    lastError: row.last_error,
    outcome: row.outcome,
    snapshot: row.snapshot,
    createdAt: row.created_at,
    updatedAt: row.updated_at
  }
}

export function toEvent (row: EventRow): StoredEvent {
  return {
    id: row.id,
    source: row.source,
    sourceEventId: row.source_event_id,
    type: row.type,
    receivedAt: row.received_at,
    status: row.status,
    deliveries: row.deliveries,
    ignoredReason: row.ignored_reason,
    taskId: row.task_id
  }
}

/** Reasons are a set: merging keeps first-seen order and drops repeats. */
export function mergeReasons (stored: string, reason: string): string {
  const reasons = JSON.parse(stored) as string[]
  return JSON.stringify(reasons.includes(reason) ? reasons : [...reasons, reason])
}

export function withTask (event: StoredEvent, task: TaskRow | undefined): EventWithTask {
  return { ...event, task: task === undefined ? null : toTask(task) }
}
