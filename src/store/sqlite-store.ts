import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { sqliteAdmin } from './sqlite-admin.js'
import { sqliteAssetWrites } from './sqlite-asset-writes.js'
import { sqliteCollectionRegistry } from './sqlite-collection-registry.js'
import { migrate } from './sqlite-migrate.js'
import { sqliteLinkRegistry } from './sqlite-link-registry.js'
import { sqliteEntityVersions, sqliteReplayRuns } from './sqlite-replays.js'
import { requeuer } from './sqlite-requeue.js'
import { sqliteCheckpointer } from './sqlite-checkpointer.js'
import { sqliteIntake } from './sqlite-intake.js'
import { sqliteTargetLeases } from './sqlite-target-leases.js'
import { toTask, type TaskRow } from './sqlite-rows.js'
import { emptyInboxHealth, type ClaimOptions, type Store, type Task, type TaskKind, type TaskStatus } from './store.js'

export interface SqliteStoreOptions {
  /** false: no checkpoint thread (see sqliteCheckpointer); SQLite's own checkpoints in the writer. Default true. */
  checkpointThread?: boolean
}

/**
 * The embedded store: one SQLite file in WAL mode (readers never block the writer). Every
 * write is one short transaction, and better-sqlite3 being synchronous means no other
 * JavaScript interleaves inside one — that is what makes claim and coalesce atomic here.
 */
export function openSqliteStore (file: string, options: SqliteStoreOptions = {}): Store {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  // NORMAL in WAL mode is durable against process crashes (the promise is "acknowledged is
  // not lost" for the service crashing); FULL would also cover power loss at ~2x the cost.
  db.pragma('synchronous = NORMAL')
  db.pragma('busy_timeout = 5000')
  db.pragma('foreign_keys = ON')
  migrate(db)

  const q = {
    countPending: db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM tasks WHERE status = 'pending'"),
    claimable: db.prepare<[{ now: number, limit: number }], TaskRow>(`SELECT * FROM tasks t
      WHERE ((t.status = 'pending' AND t.due_at <= @now) OR (t.status = 'running' AND t.lease_until <= @now))
        AND NOT EXISTS (SELECT 1 FROM tasks r WHERE r.entity_key = t.entity_key AND r.id <> t.id
                        AND r.status = 'running' AND r.lease_until > @now)
      ORDER BY t.due_at, t.id LIMIT @limit`),
    lease: db.prepare<[string, number, number, number], TaskRow>(`UPDATE tasks SET status = 'running', lease_owner = ?, lease_until = ?,
      attempts = attempts + 1, updated_at = ? WHERE id = ? RETURNING *`),
    bury: db.prepare(`UPDATE tasks SET status = 'dead', lease_owner = NULL, lease_until = NULL, last_error = ?, updated_at = ?, snapshot = NULL WHERE id = ?`),
    complete: db.prepare(`UPDATE tasks SET status = 'done', lease_owner = NULL, lease_until = NULL, outcome = ?, updated_at = ?, snapshot = NULL
      WHERE id = ? AND lease_owner = ? AND status = 'running'`),
    renew: db.prepare(`UPDATE tasks SET lease_until = ?, updated_at = ? WHERE id = ? AND lease_owner = ? AND status = 'running'`),
    held: db.prepare<[number, string], TaskRow>("SELECT * FROM tasks WHERE id = ? AND lease_owner = ? AND status = 'running'"),
    dead: db.prepare(`UPDATE tasks SET status = 'dead', last_error = ?, lease_owner = NULL, lease_until = NULL, updated_at = ?, snapshot = NULL WHERE id = ?`),
    forgetSnapshot: db.prepare('UPDATE tasks SET snapshot = NULL WHERE id = ?'),
    taskCounts: db.prepare<[], { kind: TaskKind, status: TaskStatus, n: number }>('SELECT kind, status, COUNT(*) AS n FROM tasks GROUP BY kind, status'),
    oldestPending: db.prepare<[], { at: number | null }>("SELECT MIN(created_at) AS at FROM tasks WHERE status = 'pending'")
  }
  const requeue = requeuer(db)

  const failTx = db.transaction((taskId: number, owner: string, now: number, error: string, retryAt: number | null): boolean => {
    const task = q.held.get(taskId, owner)
    if (task === undefined) return false
    if (retryAt === null) q.dead.run(error, now, taskId)
    // A listed snapshot was current when listed; after a backoff the retry reads again.
    else if (requeue(task, { now, dueAt: retryAt, attempts: task.attempts, lastError: error }) === taskId) q.forgetSnapshot.run(taskId)
    return true
  })
  const releaseTx = db.transaction((taskId: number, owner: string, now: number): boolean => {
    const task = q.held.get(taskId, owner)
    if (task === undefined) return false
    requeue(task, { now, dueAt: task.due_at, attempts: Math.max(task.attempts - 1, 0), lastError: task.last_error })
    return true
  })

  const intakeTx = sqliteIntake(db)
  const checkpointer = file === ':memory:' || options.checkpointThread === false ? { committed: () => {}, close: async () => {} } : sqliteCheckpointer(db, file)

  const claimTx = db.transaction((options: ClaimOptions): Task[] => {
    const claimed: Task[] = []
    const entities = new Set<string>()
    // Over-fetch: several candidates may name the same entity, and only one may run at a time.
    for (const row of q.claimable.all({ now: options.now, limit: options.limit * 4 })) {
      if (claimed.length >= options.limit) break
      if (entities.has(row.entity_key)) continue
      if (row.status === 'running' && row.attempts >= options.maxAttempts) {
        q.bury.run(`lease expired ${row.attempts} times without the task finishing (worker crashed or stalled)`, options.now, row.id)
        continue
      }
      entities.add(row.entity_key)
      claimed.push(toTask(q.lease.get(options.owner, options.now + options.leaseMs, options.now, row.id)!))
    }
    return claimed
  })

  return {
    intake: async (events) => {
      const outcomes = intakeTx(events)
      checkpointer.committed()
      return outcomes
    },
    countPending: async () => q.countPending.get()!.n,
    claim: async (options) => claimTx(options),
    complete: async (taskId, owner, now, outcome) => q.complete.run(outcome ?? null, now, taskId, owner).changes === 1,
    fail: async (taskId, owner, now, failure) => failTx(taskId, owner, now, failure.error, failure.retryAt),
    release: async (taskId, owner, now) => releaseTx(taskId, owner, now),
    renew: async (taskId, owner, now, leaseUntil) => q.renew.run(leaseUntil, now, taskId, owner).changes === 1,
    ...sqliteAdmin(db, requeue),
    links: sqliteLinkRegistry(db),
    replays: sqliteReplayRuns(db),
    versions: sqliteEntityVersions(db),
    assetWrites: sqliteAssetWrites(db),
    collections: sqliteCollectionRegistry(db),
    targetLeases: sqliteTargetLeases(db),
    inboxHealth: async () => {
      const health = emptyInboxHealth()
      for (const row of q.taskCounts.all()) health.tasks[row.kind][row.status] = row.n
      health.oldestPendingCreatedAt = q.oldestPending.get()?.at ?? null
      return health
    },
    ping: async () => db.prepare('SELECT 1 AS ok').get() !== undefined,
    close: async () => {
      await checkpointer.close()
      if (db.open) db.close()
    }
  }
}
