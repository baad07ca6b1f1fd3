import type { Migration } from './index.js'

/**
 * The inbox: one `events` row per distinct delivery (what operators see), and `tasks`, the
 * work those deliveries feed. At most one *pending* task per entity (the partial unique index
 * is what makes coalescing safe); a task that is running does not absorb new events, because
 * it may already have read the state those events announce.
 */
const migration: Migration = {
  version: 1,
  name: 'inbox',
  up: `
    CREATE TABLE tasks (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      kind TEXT NOT NULL CHECK (kind IN ('asset', 'product', 'product_model')),
      entity_key TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      credential_code TEXT,
      status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'done', 'dead')),
      reasons TEXT NOT NULL DEFAULT '[]',
      attempts INTEGER NOT NULL DEFAULT 0,
      due_at INTEGER NOT NULL,
      lease_owner TEXT,
      lease_until INTEGER,
      last_error TEXT,
      outcome TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE UNIQUE INDEX tasks_one_pending_per_entity ON tasks (entity_key) WHERE status = 'pending';
    CREATE INDEX tasks_due ON tasks (status, due_at);
    CREATE INDEX tasks_entity ON tasks (entity_key, status);

    CREATE TABLE events (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      source TEXT NOT NULL,
      source_event_id TEXT NOT NULL,
      type TEXT NOT NULL,
      received_at INTEGER NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('accepted', 'ignored', 'duplicate')),
      deliveries INTEGER NOT NULL DEFAULT 1,
      last_delivered_at INTEGER NOT NULL,
      ignored_reason TEXT,
      task_id INTEGER REFERENCES tasks (id),
      UNIQUE (source, source_event_id)
    );
    CREATE INDEX events_task ON events (task_id);
  `
}

export default migration
