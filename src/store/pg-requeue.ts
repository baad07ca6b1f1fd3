import { lockEntities, type Sql } from './pg-pool.js'
import { taskById, taskColumns } from './pg-rows.js'
import { mergeReasons, type TaskRow } from './sqlite-rows.js'
import type { RequeueOptions } from './sqlite-requeue.js'

/**
 * Locks the task's entity (the lock intake takes too, so no pending task of the entity can
 * appear meanwhile) and then the task row; the current row, or undefined when gone.
 */
export async function lockTask (sql: Sql, taskId: number): Promise<TaskRow | undefined> {
  const row = await taskById(sql, taskId)
  if (row === undefined) return undefined
  await lockEntities(sql, [row.entity_key])
  return await taskById(sql, taskId, true)
}

/**
 * Puts a task back to pending, folding it into a newer pending task of the same entity if
 * one exists (the rule of `sqlite-requeue.ts`). Call inside a transaction, after `lockTask`.
 * Returns the id of the task that is now pending.
 */
export async function requeuePg (sql: Sql, task: TaskRow, options: RequeueOptions): Promise<number> {
  const other = (await sql.query<TaskRow>(`SELECT ${taskColumns()} FROM tasks WHERE entity_key = $1 AND status = 'pending' FOR UPDATE`, [task.entity_key])).rows[0]
  if (other !== undefined && other.id !== task.id) {
    let reasons = other.reasons
    for (const reason of JSON.parse(task.reasons) as string[]) reasons = mergeReasons(reasons, reason)
    await sql.query('UPDATE tasks SET reasons = $1::jsonb, due_at = LEAST(due_at, $2), updated_at = $3 WHERE id = $4', [reasons, options.dueAt, options.now, other.id])
    await sql.query(`UPDATE tasks SET status = 'done', outcome = $1, last_error = $2, lease_owner = NULL, lease_until = NULL, updated_at = $3 WHERE id = $4`,
      [`superseded by task ${other.id}`, options.lastError, options.now, task.id])
    return other.id
  }
  await sql.query(`UPDATE tasks SET status = 'pending', due_at = $1, attempts = $2, last_error = $3, lease_owner = NULL, lease_until = NULL,
    updated_at = $4 WHERE id = $5`, [options.dueAt, options.attempts, options.lastError, options.now, task.id])
  return task.id
}
