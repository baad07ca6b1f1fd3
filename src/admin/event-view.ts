import { Type, type Static, type TSchema } from 'typebox'
import type { EventWithTask, Task } from '../store/store.js'

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

export const TaskViewSchema = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  entityKey: Type.String(),
  entityId: Type.String(),
  credentialCode: Nullable(Type.String()),
  status: Type.String(),
  reasons: Type.Array(Type.String()),
  attempts: Type.Integer(),
  dueAt: Type.String(),
  leaseUntil: Nullable(Type.String()),
  lastError: Nullable(Type.String()),
  outcome: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String()
})

export const EventViewSchema = Type.Object({
  id: Type.Integer(),
  source: Type.String(),
  sourceEventId: Type.String(),
  type: Type.String(),
  receivedAt: Type.String(),
  status: Type.String(),
  deliveries: Type.Integer(),
  ignoredReason: Nullable(Type.String()),
  task: Nullable(TaskViewSchema)
})

export const EventPageSchema = Type.Object({
  items: Type.Array(EventViewSchema),
  /** Pass as `before` for the next (older) page; absent on the last page. */
  next: Type.Optional(Type.Integer())
})

const iso = (ms: number): string => new Date(ms).toISOString()

/** Operators read times as ISO strings; the store keeps epoch milliseconds. The lease owner stays internal. */
export function taskView (task: Task): Static<typeof TaskViewSchema> {
  return {
    id: task.id,
    kind: task.kind,
    entityKey: task.entityKey,
    entityId: task.entityId,
    credentialCode: task.credentialCode ?? null,
    status: task.status,
    reasons: task.reasons,
    attempts: task.attempts,
    dueAt: iso(task.dueAt),
    leaseUntil: task.leaseUntil === null ? null : iso(task.leaseUntil),
    lastError: task.lastError,
    outcome: task.outcome,
    createdAt: iso(task.createdAt),
    updatedAt: iso(task.updatedAt)
  }
}

export function eventView (event: EventWithTask): Static<typeof EventViewSchema> {
  return {
    id: event.id,
    source: event.source,
    sourceEventId: event.sourceEventId,
    type: event.type,
    receivedAt: iso(event.receivedAt),
    status: event.status,
    deliveries: event.deliveries,
    ignoredReason: event.ignoredReason,
    task: event.task === null ? null : taskView(event.task)
  }
}
