import { Type, type Static } from 'typebox'
import type { InboxHealth, TaskStatus } from '../store/store.js'

const ByStatus = Type.Object({ pending: Type.Integer(), running: Type.Integer(), done: Type.Integer(), dead: Type.Integer() })

/** The inbox at a glance, answered next to each GET /events page so no script pages through everything to count. */
export const InboxHealthViewSchema = Type.Object({
  /** Tasks by status, all kinds together. */
  tasks: ByStatus,
  by_kind: Type.Object({ asset: ByStatus, product: ByStatus, product_model: ByStatus }),
  /** The oldest pending task; null when nothing is pending. */
  oldest_pending: Type.Union([Type.Object({ created_at: Type.String(), age_seconds: Type.Number() }), Type.Null()])
})
export type InboxHealthView = Static<typeof InboxHealthViewSchema>

export function inboxHealthView (health: InboxHealth, now: number): InboxHealthView {
  const tasks: Record<TaskStatus, number> = { pending: 0, running: 0, done: 0, dead: 0 }
  for (const byStatus of Object.values(health.tasks)) {
    for (const status of Object.keys(tasks) as TaskStatus[]) tasks[status] += byStatus[status]
  }
  const oldest = health.oldestPendingCreatedAt
  return {
    tasks,
    by_kind: health.tasks,
    oldest_pending: oldest === null ? null : { created_at: new Date(oldest).toISOString(), age_seconds: Math.max(0, Math.round((now - oldest) / 100) / 10) }
  }
}
