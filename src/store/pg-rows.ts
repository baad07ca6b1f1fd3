import type { Sql } from './pg-pool.js'
import type { TaskRow } from './sqlite-rows.js'

/**
 * Task columns in the shape the SQLite row mappers read (`reasons` as JSON text), so both
 * stores share `toTask`/`toEvent` and cannot drift apart in what they return.
 */
const TASK_FIELDS = ['id', 'kind', 'entity_key', 'entity_id', 'credential_code', 'status', 'reasons', 'attempts', 'due_at',
  'lease_owner', 'lease_until', 'last_error', 'outcome', 'snapshot', 'created_at', 'updated_at']

export function taskColumns (alias = ''): string {
  const p = alias === '' ? '' : `${alias}.`
  return TASK_FIELDS.map((field) => field === 'reasons' ? `${p}reasons::text AS reasons` : `${p}${field}`).join(', ')
}

export const EVENT_COLUMNS = 'id, source, source_event_id, type, received_at, status, deliveries, ignored_reason, task_id'

export async function taskById (sql: Sql, id: number, forUpdate = false): Promise<TaskRow | undefined> {
  return (await sql.query<TaskRow>(`SELECT ${taskColumns()} FROM tasks WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id])).rows[0]
}
