import type { Database } from 'better-sqlite3'
import { replayEventPrefix } from '../task-keys.js'
import {
  EMPTY_COUNTS,
  type EntityVersionStore, type NewReplayRun, type ReplayCounts, type ReplayJob, type ReplayPlan, type ReplayRun,
  type ReplayRunStore, type ReplayStatus, type ReplayTrigger
} from './replay-store.js'
import type { TaskStatus } from './store.js'

export interface RunRow {
  id: number
  job: ReplayJob
  credential_code: string
  window_start: number
  window_end: number
  dry_run: number
  triggered_by: ReplayTrigger
  status: ReplayStatus
  counts: string
  planned: string | null
  error: string | null
  started_at: number
  updated_at: number
  finished_at: number | null
}

export function toRun (row: RunRow): ReplayRun {
  return {
    id: row.id,
    job: row.job,
    credentialCode: row.credential_code,
    windowStart: row.window_start,
    windowEnd: row.window_end,
    dryRun: row.dry_run === 1,
    trigger: row.triggered_by,
    status: row.status,
    counts: { ...EMPTY_COUNTS, ...(JSON.parse(row.counts) as Partial<ReplayCounts>) },
    planned: row.planned === null ? null : JSON.parse(row.planned) as ReplayPlan,
    error: row.error,
    startedAt: row.started_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at
  }
}

/** Replay runs on the store's SQLite connection. */
export function sqliteReplayRuns (db: Database): ReplayRunStore {
  const q = {
    byId: db.prepare<[number], RunRow>('SELECT * FROM replay_runs WHERE id = ?'),
    live: db.prepare<[string, string], RunRow>("SELECT * FROM replay_runs WHERE job = ? AND credential_code = ? AND status = 'running' AND dry_run = 0"),
    abandon: db.prepare(`UPDATE replay_runs SET status = 'failed', error = ?, finished_at = ? WHERE id = ?`),
    insert: db.prepare(`INSERT INTO replay_runs (job, credential_code, window_start, window_end, dry_run, triggered_by, status, counts, started_at, updated_at)
      VALUES (@job, @credentialCode, @windowStart, @windowEnd, @dryRun, @trigger, 'running', @counts, @startedAt, @startedAt)`),
    counts: db.prepare("UPDATE replay_runs SET counts = ?, updated_at = ? WHERE id = ? AND status = 'running'"),
    finish: db.prepare(`UPDATE replay_runs SET status = ?, counts = ?, planned = ?, error = ?, updated_at = ?, finished_at = ?
      WHERE id = ? AND status = 'running'`),
    recent: db.prepare<[number, number], RunRow>('SELECT * FROM replay_runs WHERE id < ? ORDER BY id DESC LIMIT ?'),
    lastDone: db.prepare<[string, string, string], RunRow>(`SELECT * FROM replay_runs WHERE job = ? AND credential_code = ? AND status = 'done' AND dry_run = 0
      AND triggered_by IN (SELECT value FROM json_each(?)) ORDER BY started_at DESC, id DESC LIMIT 1`),
    // A range on the unique (source, source_event_id) index rather than LIKE, which SQLite
    // would not serve from it; ';' is the character after ':'.
    progress: db.prepare<[string, string], { status: TaskStatus, n: number }>(`SELECT t.status AS status, COUNT(DISTINCT t.id) AS n
      FROM events e JOIN tasks t ON t.id = e.task_id
      WHERE e.source = 'replay' AND e.source_event_id >= ? AND e.source_event_id < ? GROUP BY t.status`)
  }

  /** A live row whose heartbeat stopped is a crashed process's: fail it so it blocks nothing. */
  const liveRun = (job: string, credentialCode: string, staleBefore: number, now: number): RunRow | undefined => {
    const row = q.live.get(job, credentialCode)
    if (row === undefined || row.updated_at >= staleBefore) return row
    q.abandon.run(`abandoned: no heartbeat since ${new Date(row.updated_at).toISOString()} (the process running it stopped)`, now, row.id)
    return undefined
  }

  const createTx = db.transaction((run: NewReplayRun, staleBefore: number) => {
    if (!run.dryRun) {
      const live = liveRun(run.job, run.credentialCode, staleBefore, run.startedAt)
      if (live !== undefined) return { running: toRun(live) }
    }
    const id = Number(q.insert.run({ ...run, dryRun: run.dryRun ? 1 : 0, counts: JSON.stringify(EMPTY_COUNTS) }).lastInsertRowid)
    return { created: toRun(q.byId.get(id)!) }
  })

  return {
    // IMMEDIATE: the write lock is taken before the check, so two processes cannot both pass it.
    create: async (run, staleBefore) => createTx.immediate(run, staleBefore),
    updateCounts: async (id, counts, now) => { q.counts.run(JSON.stringify(counts), now, id) },
    finish: async (id, outcome) => {
      q.finish.run(outcome.status, JSON.stringify(outcome.counts), outcome.planned === undefined ? null : JSON.stringify(outcome.planned),
        outcome.error ?? null, outcome.now, outcome.now, id)
    },
    get: async (id) => {
      const row = q.byId.get(id)
      return row === undefined ? null : toRun(row)
    },
    lastSuccessful: async (job, credentialCode, triggers) => {
      const row = q.lastDone.get(job, credentialCode, JSON.stringify(triggers ?? ['api', 'schedule', 'cli']))
      return row === undefined ? null : toRun(row)
    },
    running: async (job, credentialCode, staleBefore) => {
      const row = q.live.get(job, credentialCode)
      return row === undefined || row.updated_at < staleBefore ? null : toRun(row)
    },
    list: async ({ limit, before }) => q.recent.all(before ?? Number.MAX_SAFE_INTEGER, limit).map(toRun),
    taskProgress: async (id) => {
      const prefix = replayEventPrefix(id)
      const progress: Record<TaskStatus, number> = { pending: 0, running: 0, done: 0, dead: 0 }
      for (const row of q.progress.all(prefix, `${prefix.slice(0, -1)};`)) progress[row.status] = row.n
      return progress
    }
  }
}

/** Entity versions on the store's SQLite connection. */
export function sqliteEntityVersions (db: Database): EntityVersionStore {
  const get = db.prepare<[string], { entity_key: string, version: string }>(
    'SELECT entity_key, version FROM entity_versions WHERE entity_key IN (SELECT value FROM json_each(?))')
  const set = db.prepare(`INSERT INTO entity_versions (entity_key, version, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (entity_key) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at`)
  return {
    get: async (keys) => new Map(keys.length === 0 ? [] : get.all(JSON.stringify(keys)).map((row) => [row.entity_key, row.version])),
    set: async (key, version, now) => { set.run(key, version, now) }
  }
}
