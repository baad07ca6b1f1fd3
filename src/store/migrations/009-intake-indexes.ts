import type { Migration } from './index.js'

/**
 * Intake writes one fewer index per new task (issue 14). `tasks_entity (entity_key, status)`
 * overlapped the partial unique index for pending tasks, and every pending task landed on a
 * random page of it (entity keys are uuids): about a third of what a batch of deliveries wrote
 * to the WAL. The one query that still needs an entity lookup outside pending — the claim's
 * "is this entity running elsewhere" — gets a partial index over running tasks, which stays a
 * handful of rows and which a delivery never touches.
 */
const migration: Migration = {
  version: 9,
  name: 'intake-indexes',
  up: `
    DROP INDEX tasks_entity;
    CREATE INDEX tasks_running_entity ON tasks (entity_key) WHERE status = 'running';
  `
}

export default migration
