import type { Database } from 'better-sqlite3'
import type { IncomingEvent, IntakeOutcome } from './store.js'

/**
 * Intake on SQLite: per delivery, one statement that counts it as another delivery when its
 * id is known, else one upsert of the entity's pending task and the event's insert — three
 * statements where there were four, each returning only the ids it needs (issue 14). The
 * caller runs a batch of these in one transaction (group commit), so a duplicate later in a
 * batch sees the event inserted earlier in it.
 *
 * Coalescing (the same rules as PostgreSQL's pg-intake.ts): a task never attempted waits for
 * the latest event (Bynder: read after the last change settled), one in backoff keeps its
 * retry time; a live event (no snapshot) means "read the current state" and wins until the
 * task runs, while a newer listing replaces an older one. A reason is recorded once.
 */
export function sqliteIntake (db: Database): (events: IncomingEvent[]) => IntakeOutcome[] {
  const redelivered = db.prepare<[number, string, string], { id: number, task_id: number | null }>(
    'UPDATE events SET deliveries = deliveries + 1, last_delivered_at = ? WHERE source = ? AND source_event_id = ? RETURNING id, task_id')
  // On conflict, `excluded` is the row the insert proposed: its reasons are [this reason].
  const upsertTask = db.prepare<[string, string, string, string | null, string, number, number, number, string | null], { id: number }>(
    `INSERT INTO tasks (kind, entity_key, entity_id, credential_code, status, reasons, due_at, created_at, updated_at, snapshot)
      VALUES (?, ?, ?, ?, 'pending', json_array(?), ?, ?, ?, ?)
      ON CONFLICT (entity_key) WHERE status = 'pending' DO UPDATE SET
        reasons = CASE WHEN EXISTS (SELECT 1 FROM json_each(tasks.reasons) WHERE value = excluded.reasons ->> 0) THEN tasks.reasons
          ELSE json_insert(tasks.reasons, '$[#]', excluded.reasons ->> 0) END,
        updated_at = excluded.updated_at,
        due_at = CASE WHEN tasks.attempts = 0 THEN MAX(tasks.due_at, excluded.due_at) ELSE tasks.due_at END,
        snapshot = CASE WHEN excluded.snapshot IS NOT NULL AND tasks.snapshot IS NOT NULL THEN excluded.snapshot ELSE NULL END
      RETURNING id`)
  const insertEvent = db.prepare<[string, string, string, number, string, number, string | null, number | null]>(
    `INSERT INTO events (source, source_event_id, type, received_at, status, last_delivered_at, ignored_reason, task_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)

  const one = (event: IncomingEvent): IntakeOutcome => {
    const known = redelivered.get(event.receivedAt, event.source, event.sourceEventId)
    if (known !== undefined) return { eventId: known.id, status: 'duplicate', taskId: known.task_id }
    const task = event.task
    const taskId = task === undefined
      ? null
      : upsertTask.get(task.kind, task.entityKey, task.entityId, task.credentialCode ?? null, task.reason, task.dueAt, event.receivedAt, event.receivedAt, task.snapshot ?? null)!.id
    const status = task === undefined ? 'ignored' : 'accepted'
    const eventId = Number(insertEvent.run(event.source, event.sourceEventId, event.type, event.receivedAt, status, event.receivedAt, event.ignoredReason ?? null, taskId).lastInsertRowid)
    return { eventId, status, taskId }
  }
  return db.transaction((events: IncomingEvent[]): IntakeOutcome[] => events.map(one))
}
