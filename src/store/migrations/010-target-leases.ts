import type { Migration } from './index.js'

/**
 * Leases on Akeneo products and models (store `targetLeases`): an asset collection is one
 * array a PATCH replaces whole, so its read-edit-write must not overlap another process's on
 * the same target. A row is held until `until` (epoch ms); an expired row (its holder crashed)
 * is free for the next taker. Released rows are deleted, so the table holds only live leases
 * and those of crashed holders.
 */
const migration: Migration = {
  version: 10,
  name: 'target-leases',
  up: `
    CREATE TABLE target_leases (
      key TEXT PRIMARY KEY,
      owner TEXT NOT NULL,
      until INTEGER NOT NULL
    );
  `
}

export default migration
