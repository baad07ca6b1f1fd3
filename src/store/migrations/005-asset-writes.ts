import type { Migration } from './index.js'

/**
 * What this service last posted to each Bynder asset's metaproperties (see
 * `asset-writes.ts`): one row per asset and metaproperty, and one revision row per asset
 * for the compare-and-set that keeps two writers of one asset from both recording.
 */
const migration: Migration = {
  version: 5,
  name: 'asset-writes',
  up: `
    CREATE TABLE asset_write_revisions (
      credential_code TEXT NOT NULL,
      asset_id TEXT NOT NULL,
      revision INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (credential_code, asset_id)
    );
    CREATE TABLE asset_writes (
      credential_code TEXT NOT NULL,
      asset_id TEXT NOT NULL,
      metaproperty_id TEXT NOT NULL,
      value TEXT NOT NULL,
      written_at INTEGER NOT NULL,
      PRIMARY KEY (credential_code, asset_id, metaproperty_id)
    );
    CREATE INDEX asset_writes_age ON asset_writes (written_at);
  `
}

export default migration
