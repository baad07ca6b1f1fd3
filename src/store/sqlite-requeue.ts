import type { Database } from 'better-sqlite3'
import { mergeReasons, type TaskRow } from './sqlite-rows.js'

export interface RequeueOptions {
  now: number
  dueAt: number
  attempts: number
  lastError: string | null
}

/**
 * Puts a task back to pending (a retry, a shutdown release, an operator's retry). While it
 * ran, a newer event may have created a pending task for the same entity; only one pending
 * task per entity may exist, so this one folds into it: its reasons merge there, the earlier
 * due time wins, and this row ends `done` saying where its work went. Nothing is lost — the
 * handler works from current state, so the newer task does everything this one would.
 * Call inside a transaction. Returns the id of the task that is now pending.
 */
export function requeuer (db: Database): (task: TaskRow, options: RequeueOptions) => number {
  const pendingFor = db.prepare<[string], TaskRow>("SELECT * FROM tasks WHERE entity_key = ? AND status = 'pending'")
  const fold = db.prepare('UPDATE tasks SET reasons = ?, due_at = MIN(due_at, ?), updated_at = ? WHERE id = ?')
  const superseded = db.prepare(`UPDATE tasks SET status = 'done', outcome = ?, last_error = ?, lease_owner = NULL, lease_until = NULL,
    updated_at = ? WHERE id = ?`)
  const toPending = db.prepare(`UPDATE tasks SET status = 'pending', due_at = ?, attempts = ?, last_error = ?, lease_owner = NULL,
    lease_until = NULL, updated_at = ? WHERE id = ?`)

  return (task, options) => {
    const other = pendingFor.get(task.entity_key)
    if (other !== undefined && other.id !== task.id) {
      let reasons = other.reasons
      for (const reason of JSON.parse(task.reasons) as string[]) reasons = mergeReasons(reasons, reason)
      fold.run(reasons, options.dueAt, options.now, other.id)
      superseded.run(`superseded by task ${other.id}`, options.lastError, options.now, task.id)
      return other.id
    }
    toPending.run(options.dueAt, options.attempts, options.lastError, options.now, task.id)
    return task.id
  }
}
