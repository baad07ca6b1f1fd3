import type pg from 'pg'
import { transaction, type Sql } from './pg-pool.js'
import { replayEventPrefix } from '../task-keys.js'
import { EMPTY_COUNTS, type EntityVersionStore, type ReplayRunStore } from './replay-store.js'
import { toRun, type RunRow } from './sqlite-replays.js'
import type { TaskStatus } from './store.js'

// In the shape `toRun` reads (JSON as text, the flag as 0/1), so both stores map runs alike.
const RUN_COLUMNS = `id, job, credential_code, window_start, window_end, dry_run::int AS dry_run, triggered_by, status,
  counts::text AS counts, planned::text AS planned, error, started_at, updated_at, finished_at`
const LIVE = "job = $1 AND credential_code = $2 AND status = 'running' AND NOT dry_run"

/**
 * Replay runs on PostgreSQL. "One live non-dry run per job and credential" is the partial
 * unique index `replay_runs_one_live`: of two replicas creating a run at once, the second
 * insert waits for the first and then does nothing, and it answers with the live run.
 */
export function pgReplayRuns (pool: pg.Pool): ReplayRunStore {
  const one = async (sql: Sql, where: string, params: unknown[]): Promise<RunRow | undefined> =>
    (await sql.query<RunRow>(`SELECT ${RUN_COLUMNS} FROM replay_runs WHERE ${where}`, params)).rows[0]

  return {
    create: async (run, staleBefore) => await transaction(pool, async (sql) => {
      if (!run.dryRun) {
        const live = await one(sql, `${LIVE} FOR UPDATE`, [run.job, run.credentialCode])
        if (live !== undefined && live.updated_at >= staleBefore) return { running: toRun(live) }
        if (live !== undefined) {
          // Its heartbeat stopped: the process running it died. Fail it so it blocks nothing.
          await sql.query("UPDATE replay_runs SET status = 'failed', error = $1, finished_at = $2 WHERE id = $3",
            [`abandoned: no heartbeat since ${new Date(live.updated_at).toISOString()} (the process running it stopped)`, run.startedAt, live.id])
        }
      }
      const inserted = await sql.query<RunRow>(`INSERT INTO replay_runs (job, credential_code, window_start, window_end, dry_run, triggered_by, status, counts, started_at, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, 'running', $7::jsonb, $8, $8)
        ON CONFLICT (job, credential_code) WHERE status = 'running' AND NOT dry_run DO NOTHING RETURNING ${RUN_COLUMNS}`,
      [run.job, run.credentialCode, run.windowStart, run.windowEnd, run.dryRun, run.trigger, JSON.stringify(EMPTY_COUNTS), run.startedAt])
      const created = inserted.rows[0]
      if (created !== undefined) return { created: toRun(created) }
      // Another replica created one between our look and our insert: that one is the live run.
      return { running: toRun((await one(sql, LIVE, [run.job, run.credentialCode]))!) }
    }),
    updateCounts: async (id, counts, now) => {
      await pool.query("UPDATE replay_runs SET counts = $1::jsonb, updated_at = $2 WHERE id = $3 AND status = 'running'", [JSON.stringify(counts), now, id])
    },
    finish: async (id, outcome) => {
      await pool.query(`UPDATE replay_runs SET status = $1, counts = $2::jsonb, planned = $3::jsonb, error = $4, updated_at = $5, finished_at = $5
        WHERE id = $6 AND status = 'running'`,
      [outcome.status, JSON.stringify(outcome.counts), outcome.planned === undefined ? null : JSON.stringify(outcome.planned), outcome.error ?? null, outcome.now, id])
    },
    get: async (id) => {
      const row = await one(pool, 'id = $1', [id])
      return row === undefined ? null : toRun(row)
    },
    lastSuccessful: async (job, credentialCode, triggers) => {
      const row = await one(pool, `job = $1 AND credential_code = $2 AND status = 'done' AND NOT dry_run AND triggered_by = ANY($3::text[])
        ORDER BY started_at DESC, id DESC LIMIT 1`, [job, credentialCode, triggers ?? ['api', 'schedule', 'cli']])
      return row === undefined ? null : toRun(row)
    },
    list: async ({ limit, before }) =>
      (await pool.query<RunRow>(`SELECT ${RUN_COLUMNS} FROM replay_runs WHERE id < $1 ORDER BY id DESC LIMIT $2`,
        [before ?? Number.MAX_SAFE_INTEGER, limit])).rows.map(toRun),
    running: async (job, credentialCode, staleBefore) => {
      const row = await one(pool, LIVE, [job, credentialCode])
      return row === undefined || row.updated_at < staleBefore ? null : toRun(row)
    },
    taskProgress: async (id) => {
      const progress: Record<TaskStatus, number> = { pending: 0, running: 0, done: 0, dead: 0 }
      const rows = await pool.query<{ status: TaskStatus, n: number }>(`SELECT t.status AS status, COUNT(DISTINCT t.id)::int AS n
        FROM events e JOIN tasks t ON t.id = e.task_id
        WHERE e.source = 'replay' AND left(e.source_event_id, length($1)) = $1 GROUP BY t.status`, [replayEventPrefix(id)])
      for (const row of rows.rows) progress[row.status] = row.n
      return progress
    }
  }
}

export function pgEntityVersions (pool: pg.Pool): EntityVersionStore {
  return {
    get: async (keys) => {
      if (keys.length === 0) return new Map()
      const rows = await pool.query<{ entity_key: string, version: string }>('SELECT entity_key, version FROM entity_versions WHERE entity_key = ANY($1::text[])', [keys])
      return new Map(rows.rows.map((row) => [row.entity_key, row.version]))
    },
    set: async (key, version, now) => {
      await pool.query(`INSERT INTO entity_versions (entity_key, version, updated_at) VALUES ($1, $2, $3)
        ON CONFLICT (entity_key) DO UPDATE SET version = EXCLUDED.version, updated_at = EXCLUDED.updated_at`, [key, version, now])
    }
  }
}
