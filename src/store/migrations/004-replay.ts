import type { Migration } from './index.js'

/**
 * The polling fallback (issue 6):
 * - `replay_runs`: one row per run of a job over a window, with its counts, what a dry run
 *   would write, and a heartbeat (`updated_at`). The partial unique index lets only one
 *   non-dry run of a job and credential be `running` at a time, also across processes.
 * - `tasks.snapshot`: the entity as a list page showed it (JSON), so the handler plans from
 *   it instead of reading it again; NULL = read the current state.
 * - `entity_versions`: the Akeneo `updated` (and mapping) a product or model was last synced
 *   at, so a replay leaves unchanged ones alone without a call.
 */
const migration: Migration = {
  version: 4,
  name: 'replay',
  up: `
    CREATE TABLE replay_runs (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      job TEXT NOT NULL CHECK (job IN ('import-assets', 'update-properties', 'update-mapped-properties')),
      credential_code TEXT NOT NULL,
      window_start INTEGER NOT NULL,
      window_end INTEGER NOT NULL,
      dry_run INTEGER NOT NULL CHECK (dry_run IN (0, 1)),
      triggered_by TEXT NOT NULL CHECK (triggered_by IN ('api', 'schedule', 'cli')),
      status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
      counts TEXT NOT NULL DEFAULT '{}',
      planned TEXT,
      error TEXT,
      started_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      finished_at INTEGER
    );
    CREATE UNIQUE INDEX replay_runs_one_live ON replay_runs (job, credential_code) WHERE status = 'running' AND dry_run = 0;
    CREATE INDEX replay_runs_latest ON replay_runs (job, credential_code, status, started_at);

    ALTER TABLE tasks ADD COLUMN snapshot TEXT;

    CREATE TABLE entity_versions (
      entity_key TEXT PRIMARY KEY,
      version TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    );
  `
}

export default migration
