import type pg from 'pg'
import { pgAdmin } from './pg-admin.js'
import { pgAssetWrites } from './pg-asset-writes.js'
import { pgCollectionRegistry } from './pg-collection-registry.js'
import { intakeOne } from './pg-intake.js'
import { pgLinkRegistry } from './pg-link-registry.js'
import { createPool, describeConnectError, LOCK_ENTITY, lockEntities, transaction, type Sql } from './pg-pool.js'
import { migratePg } from './pg-migrate.js'
import { pgEntityVersions, pgReplayRuns } from './pg-replays.js'
import { lockTask, requeuePg } from './pg-requeue.js'
import { taskColumns } from './pg-rows.js'
import { pgTargetLeases } from './pg-target-leases.js'
import { toTask, type TaskRow } from './sqlite-rows.js'
import { emptyInboxHealth, type ClaimOptions, type IntakeOutcome, type Store, type Task, type TaskKind, type TaskStatus } from './store.js'

/**
 * The store on PostgreSQL, for several replicas sharing one inbox (DESIGN §2, §9). The rules
 * are SQLite's; what SQLite gets from being one synchronous writer, this gets from locks:
 * - intake takes a transaction-scoped advisory lock per entity it touches (sorted, so two
 *   batches cannot deadlock), and the unique (source, source_event_id) and one-pending-task-
 *   per-entity indexes with ON CONFLICT make the same delivery at two replicas one event and
 *   one task;
 * - claims lock candidate rows `FOR UPDATE SKIP LOCKED`, then *try* the entity's advisory lock
 *   and re-check, in a fresh statement, that no other task of the entity holds a live lease:
 *   two replicas claiming two tasks of one entity at once cannot both pass.
 */
export async function openPgStore (url: string): Promise<Store> {
  const pool = createPool(url)
  try {
    await migratePg(pool, url)
  } catch (error) {
    await pool.end().catch(() => {})
    throw describeConnectError(error, url)
  }
  return pgStore(pool)
}

const CLAIM_CANDIDATES = `SELECT ${taskColumns('t')} FROM tasks t
  WHERE ((t.status = 'pending' AND t.due_at <= $1) OR (t.status = 'running' AND t.lease_until <= $1))
    AND NOT EXISTS (SELECT 1 FROM tasks r WHERE r.entity_key = t.entity_key AND r.id <> t.id AND r.status = 'running' AND r.lease_until > $1)
  ORDER BY t.due_at, t.id LIMIT $2 FOR UPDATE OF t SKIP LOCKED`

function pgStore (pool: pg.Pool): Store {
  // Round trips do not grow with the limit: candidates, the entity locks, the re-check, the leases.
  const claim = async (options: ClaimOptions): Promise<Task[]> => await transaction(pool, async (sql) => {
    // Prepared once per connection, like intake's statements: the worker runs it at every poll.
    const candidates = (await sql.query<TaskRow>({ name: 'claim-candidates', text: CLAIM_CANDIDATES, values: [options.now, options.limit * 4] })).rows
    const firstPerEntity = new Map<string, TaskRow>()
    for (const row of candidates) if (!firstPerEntity.has(row.entity_key)) firstPerEntity.set(row.entity_key, row)
    const picked = [...firstPerEntity.values()].slice(0, options.limit)
    if (picked.length === 0) return []
    // Another replica claiming (or requeueing) one of these entities right now holds its lock: leave that one to it.
    const locked = (await sql.query<{ key: string }>(`SELECT key FROM unnest($2::text[]) AS key WHERE pg_try_advisory_xact_lock($1, hashtext(key))`,
      [LOCK_ENTITY, picked.map((row) => row.entity_key)])).rows.map((row) => row.key)
    // A fresh statement sees what such a replica committed before we took the lock: a task of the entity it leased.
    const busy = new Set((await sql.query<{ entity_key: string }>(`SELECT DISTINCT entity_key FROM tasks
      WHERE entity_key = ANY($1::text[]) AND NOT (id = ANY($2::bigint[])) AND status = 'running' AND lease_until > $3`,
    [locked, picked.map((row) => row.id), options.now])).rows.map((row) => row.entity_key))
    const free = new Set(locked.filter((key) => !busy.has(key)))
    const mine = picked.filter((row) => free.has(row.entity_key))
    const exhausted = mine.filter((row) => row.status === 'running' && row.attempts >= options.maxAttempts)
    for (const row of exhausted) {
      await sql.query(`UPDATE tasks SET status = 'dead', lease_owner = NULL, lease_until = NULL, last_error = $1, updated_at = $2, snapshot = NULL WHERE id = $3`,
        [`lease expired ${row.attempts} times without the task finishing (worker crashed or stalled)`, options.now, row.id])
    }
    const toLease = mine.filter((row) => !exhausted.includes(row)).map((row) => row.id)
    if (toLease.length === 0) return []
    const leased = await sql.query<TaskRow>(`UPDATE tasks SET status = 'running', lease_owner = $1, lease_until = $2, attempts = attempts + 1, updated_at = $3
      WHERE id = ANY($4::bigint[]) RETURNING ${taskColumns()}`, [options.owner, options.now + options.leaseMs, options.now, toLease])
    return leased.rows.sort((a, b) => a.due_at - b.due_at || a.id - b.id).map(toTask)
  })

  /** The task when `owner` still holds its lease, entity and row locked; else undefined. */
  const held = async (sql: Sql, taskId: number, owner: string): Promise<TaskRow | undefined> => {
    const row = await lockTask(sql, taskId)
    return row?.status === 'running' && row.lease_owner === owner ? row : undefined
  }

  return {
    intake: async (events) => await transaction(pool, async (sql) => {
      await lockEntities(sql, events.flatMap((event) => event.task === undefined ? [] : [event.task.entityKey]))
      const outcomes: IntakeOutcome[] = []
      for (const event of events) outcomes.push(await intakeOne(sql, event))
      return outcomes
    }),
    countPending: async () => (await pool.query<{ n: number }>("SELECT COUNT(*)::int AS n FROM tasks WHERE status = 'pending'")).rows[0]!.n,
    claim,
    complete: async (taskId, owner, now, outcome) => (await pool.query(`UPDATE tasks SET status = 'done', lease_owner = NULL, lease_until = NULL, outcome = $1,
      updated_at = $2, snapshot = NULL WHERE id = $3 AND lease_owner = $4 AND status = 'running'`, [outcome ?? null, now, taskId, owner])).rowCount === 1,
    fail: async (taskId, owner, now, failure) => await transaction(pool, async (sql) => {
      const task = await held(sql, taskId, owner)
      if (task === undefined) return false
      if (failure.retryAt === null) {
        await sql.query(`UPDATE tasks SET status = 'dead', last_error = $1, lease_owner = NULL, lease_until = NULL, updated_at = $2, snapshot = NULL WHERE id = $3`,
          [failure.error, now, taskId])
      } else if (await requeuePg(sql, task, { now, dueAt: failure.retryAt, attempts: task.attempts, lastError: failure.error }) === taskId) {
        // A listed snapshot was current when listed; after a backoff the retry reads again.
        await sql.query('UPDATE tasks SET snapshot = NULL WHERE id = $1', [taskId])
      }
      return true
    }),
    release: async (taskId, owner, now) => await transaction(pool, async (sql) => {
      const task = await held(sql, taskId, owner)
      if (task === undefined) return false
      await requeuePg(sql, task, { now, dueAt: task.due_at, attempts: Math.max(task.attempts - 1, 0), lastError: task.last_error })
      return true
    }),
    renew: async (taskId, owner, now, leaseUntil) => (await pool.query(`UPDATE tasks SET lease_until = $1, updated_at = $2
      WHERE id = $3 AND lease_owner = $4 AND status = 'running'`, [leaseUntil, now, taskId, owner])).rowCount === 1,
    ...pgAdmin(pool),
    links: pgLinkRegistry(pool),
    replays: pgReplayRuns(pool),
    versions: pgEntityVersions(pool),
    assetWrites: pgAssetWrites(pool),
    collections: pgCollectionRegistry(pool),
    targetLeases: pgTargetLeases(pool),
    inboxHealth: async () => {
      const health = emptyInboxHealth()
      const counts = await pool.query<{ kind: TaskKind, status: TaskStatus, n: number }>('SELECT kind, status, COUNT(*)::int AS n FROM tasks GROUP BY kind, status')
      for (const row of counts.rows) health.tasks[row.kind][row.status] = row.n
      health.oldestPendingCreatedAt = (await pool.query<{ at: number | null }>("SELECT MIN(created_at) AS at FROM tasks WHERE status = 'pending'")).rows[0]?.at ?? null
      return health
    },
    ping: async () => {
      try { return (await pool.query('SELECT 1 AS ok')).rowCount === 1 } catch { return false }
    },
    close: async () => { if (!pool.ended) await pool.end() }
  }
}
