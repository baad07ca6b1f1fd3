import type pg from 'pg'
import { EVENT_COLUMNS, taskColumns } from './pg-rows.js'
import { lockTask, requeuePg } from './pg-requeue.js'
import { transaction } from './pg-pool.js'
import { toEvent, toTask, withTask, type EventRow, type TaskRow } from './sqlite-rows.js'
import type { EventFilter, Store } from './store.js'

const TASK_STATUSES = new Set(['pending', 'running', 'done', 'dead'])

type AdminPart = Pick<Store, 'retryEventTask' | 'findEvent' | 'getTask' | 'getEvent' | 'listEvents'>

/** The operator's view of the inbox on PostgreSQL (the rules of `sqlite-admin.ts`). */
export function pgAdmin (pool: pg.Pool): AdminPart {
  const tasksById = async (ids: number[]): Promise<Map<number, TaskRow>> => {
    if (ids.length === 0) return new Map()
    const rows = (await pool.query<TaskRow>(`SELECT ${taskColumns()} FROM tasks WHERE id = ANY($1::bigint[])`, [ids])).rows
    return new Map(rows.map((row) => [row.id, row]))
  }
  const oneEvent = async (where: string, params: unknown[]): Promise<EventRow | undefined> =>
    (await pool.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE ${where}`, params)).rows[0]

  return {
    retryEventTask: async (eventId, now) => await transaction(pool, async (sql) => {
      const event = (await sql.query<EventRow>('SELECT task_id FROM events WHERE id = $1', [eventId])).rows[0]
      if (event?.task_id == null) return null
      const task = (await lockTask(sql, event.task_id))!
      // Running: already being done. Pending: just make it due. Done or dead: run it again, with fresh attempts.
      if (task.status === 'running') return toTask(task)
      let id = task.id
      if (task.status === 'pending') await sql.query('UPDATE tasks SET due_at = LEAST(due_at, $1), updated_at = $1 WHERE id = $2', [now, task.id])
      else id = await requeuePg(sql, task, { now, dueAt: now, attempts: 0, lastError: task.last_error })
      const row = (await sql.query<TaskRow>(`SELECT ${taskColumns()} FROM tasks WHERE id = $1`, [id])).rows[0]
      return row === undefined ? null : toTask(row)
    }),
    findEvent: async (source, sourceEventId) => {
      const row = await oneEvent('source = $1 AND source_event_id = $2', [source, sourceEventId])
      return row === undefined ? null : toEvent(row)
    },
    getTask: async (taskId) => {
      const row = (await tasksById([taskId])).get(taskId)
      return row === undefined ? null : toTask(row)
    },
    getEvent: async (eventId) => {
      const row = await oneEvent('id = $1', [eventId])
      if (row === undefined) return null
      return withTask(toEvent(row), row.task_id === null ? undefined : (await tasksById([row.task_id])).get(row.task_id))
    },
    listEvents: async (filter: EventFilter) => {
      const where: string[] = []
      const params: Array<string | number> = []
      const add = (clause: string, value: string | number): void => { params.push(value); where.push(clause.replace('?', `$${params.length}`)) }
      if (filter.status !== undefined) add(TASK_STATUSES.has(filter.status) ? 't.status = ?' : 'e.status = ?', filter.status)
      if (filter.source !== undefined) add('e.source = ?', filter.source)
      if (filter.kind !== undefined) add('t.kind = ?', filter.kind)
      if (filter.before !== undefined) add('e.id < ?', filter.before)
      params.push(filter.limit)
      const rows = (await pool.query<EventRow>(`SELECT ${EVENT_COLUMNS.split(', ').map((c) => `e.${c}`).join(', ')} FROM events e LEFT JOIN tasks t ON t.id = e.task_id
        ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY e.id DESC LIMIT $${params.length}`, params)).rows
      const tasks = await tasksById([...new Set(rows.flatMap((row) => row.task_id === null ? [] : [row.task_id]))])
      return rows.map((row) => withTask(toEvent(row), row.task_id === null ? undefined : tasks.get(row.task_id)))
    }
  }
}
