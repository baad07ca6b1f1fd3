import type { Sql } from './pg-pool.js'
import type { IncomingEvent, IntakeOutcome } from './store.js'

// Coalescing (the rules of SQLite's intake): a never-attempted task waits for the latest event,
// one in backoff keeps its retry time; a live event (no snapshot) wins over any listing.
const UPSERT_TASK = `INSERT INTO tasks (kind, entity_key, entity_id, credential_code, status, reasons, due_at, created_at, updated_at, snapshot)
  SELECT $6, $7, $8, $9, 'pending', $10::jsonb, $11, $3, $3, $12 WHERE NOT EXISTS (SELECT 1 FROM known)
  ON CONFLICT (entity_key) WHERE status = 'pending' DO UPDATE SET
    reasons = CASE WHEN tasks.reasons @> EXCLUDED.reasons THEN tasks.reasons ELSE tasks.reasons || EXCLUDED.reasons END,
    updated_at = EXCLUDED.updated_at,
    due_at = CASE WHEN tasks.attempts = 0 THEN GREATEST(tasks.due_at, EXCLUDED.due_at) ELSE tasks.due_at END,
    snapshot = CASE WHEN EXCLUDED.snapshot IS NOT NULL AND tasks.snapshot IS NOT NULL THEN EXCLUDED.snapshot ELSE NULL END
  RETURNING id`

/**
 * One delivery in one statement: counted as another delivery when known, else its task
 * upserted and the event inserted pointing at it. The caller holds the entity's advisory lock,
 * taken in an earlier statement, so this statement's snapshot already shows a duplicate that
 * another replica committed for the same entity.
 */
function intakeSql (withTask: boolean): string {
  return `WITH known AS (
      UPDATE events SET deliveries = deliveries + 1, last_delivered_at = $3 WHERE source = $1 AND source_event_id = $2 RETURNING id, task_id
    )${withTask ? `, task AS (${UPSERT_TASK})` : ''}, inserted AS (
      INSERT INTO events (source, source_event_id, type, received_at, status, last_delivered_at, ignored_reason, task_id)
      SELECT $1, $2, $4, $3, '${withTask ? 'accepted' : 'ignored'}', $3, $5, ${withTask ? '(SELECT id FROM task)' : 'NULL::bigint'}
      WHERE NOT EXISTS (SELECT 1 FROM known)
      ON CONFLICT (source, source_event_id) DO NOTHING RETURNING id, task_id
    )
    SELECT id, task_id, true AS duplicate FROM known UNION ALL SELECT id, task_id, false FROM inserted`
}
const WITH_TASK = intakeSql(true)
const WITHOUT_TASK = intakeSql(false)

export async function intakeOne (sql: Sql, event: IncomingEvent): Promise<IntakeOutcome> {
  const task = event.task
  const params: unknown[] = [event.source, event.sourceEventId, event.receivedAt, event.type, event.ignoredReason ?? null]
  if (task !== undefined) {
    params.push(task.kind, task.entityKey, task.entityId, task.credentialCode ?? null, JSON.stringify([task.reason]), task.dueAt, task.snapshot ?? null)
  }
  // Prepared once per connection: PostgreSQL planning these CTEs was most of an intake batch's time (issue 14).
  const query = task === undefined ? { name: 'intake-event', text: WITHOUT_TASK, values: params } : { name: 'intake-event-task', text: WITH_TASK, values: params }
  const row = (await sql.query<{ id: number, task_id: number | null, duplicate: boolean }>(query)).rows[0]
  if (row !== undefined) return { eventId: row.id, status: row.duplicate ? 'duplicate' : task === undefined ? 'ignored' : 'accepted', taskId: row.task_id }
  // An event without a task (no entity lock) that another replica inserted meanwhile: a duplicate after all.
  const known = (await sql.query<{ id: number, task_id: number | null }>(`UPDATE events SET deliveries = deliveries + 1, last_delivered_at = $3
    WHERE source = $1 AND source_event_id = $2 RETURNING id, task_id`, [event.source, event.sourceEventId, event.receivedAt])).rows[0]!
  return { eventId: known.id, status: 'duplicate', taskId: known.task_id }
}
