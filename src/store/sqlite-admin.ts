import type { Database } from 'better-sqlite3'
import type { RequeueOptions } from './sqlite-requeue.js'
import { toEvent, toTask, withTask, type EventRow, type TaskRow } from './sqlite-rows.js'
import type { EventFilter, Store } from './store.js'

const TASK_STATUSES = new Set(['pending', 'running', 'done', 'dead'])

type AdminPart = Pick<Store, 'retryEventTask' | 'findEvent' | 'getTask' | 'getEvent' | 'listEvents'>

/** The operator's view of the inbox: events with the task each fed, and reviving a task. */
export function sqliteAdmin (db: Database, requeue: (task: TaskRow, options: RequeueOptions) => number): AdminPart {
  const taskById = db.prepare<[number], TaskRow>('SELECT * FROM tasks WHERE id = ?')
  const eventById = db.prepare<[number], EventRow>('SELECT * FROM events WHERE id = ?')
  const eventBySource = db.prepare<[string, string], EventRow>('SELECT * FROM events WHERE source = ? AND source_event_id = ?')
  const dueNow = db.prepare('UPDATE tasks SET due_at = MIN(due_at, ?), updated_at = ? WHERE id = ?')

  const retryTx = db.transaction((eventId: number, now: number): TaskRow | null => {
    const event = eventById.get(eventId)
    if (event?.task_id == null) return null
    const task = taskById.get(event.task_id)!
    // Running: already being done. Pending: just make it due. Done or dead: run it again,
    // with a fresh attempt budget (the operator fixed whatever made it fail).
    if (task.status === 'running') return task
    if (task.status === 'pending') dueNow.run(now, now, task.id)
    else return taskById.get(requeue(task, { now, dueAt: now, attempts: 0, lastError: task.last_error })) ?? null
    return taskById.get(task.id) ?? null
  })

  return {
    retryEventTask: async (eventId, now) => {
      const row = retryTx(eventId, now)
      return row === null ? null : toTask(row)
    },
    findEvent: async (source, sourceEventId) => {
      const row = eventBySource.get(source, sourceEventId)
      return row === undefined ? null : toEvent(row)
    },
    getTask: async (taskId) => {
      const row = taskById.get(taskId)
      return row === undefined ? null : toTask(row)
    },
    getEvent: async (eventId) => {
      const row = eventById.get(eventId)
      if (row === undefined) return null
      return withTask(toEvent(row), row.task_id === null ? undefined : taskById.get(row.task_id))
    },
    listEvents: async (filter: EventFilter) => {
      const where: string[] = []
      const params: Array<string | number> = []
      if (filter.status !== undefined) {
        where.push(TASK_STATUSES.has(filter.status) ? 't.status = ?' : 'e.status = ?')
        params.push(filter.status)
      }
      if (filter.source !== undefined) { where.push('e.source = ?'); params.push(filter.source) }
      if (filter.kind !== undefined) { where.push('t.kind = ?'); params.push(filter.kind) }
      if (filter.before !== undefined) { where.push('e.id < ?'); params.push(filter.before) }
      const sql = `SELECT e.*, t.id AS t_id FROM events e LEFT JOIN tasks t ON t.id = e.task_id
        ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY e.id DESC LIMIT ?`
      const rows = db.prepare<Array<string | number>, EventRow & { t_id: number | null }>(sql).all(...params, filter.limit)
      return rows.map((row) => withTask(toEvent(row), row.t_id === null ? undefined : taskById.get(row.t_id)))
    }
  }
}
