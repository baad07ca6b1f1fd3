import type { Migration } from './index.js'

/** Asset collections (see `collection-registry.ts`): our placements, and the Akeneo assets we made. */
const migration: Migration = {
  version: 6,
  name: 'asset-collections',
  up: `
    CREATE TABLE collection_placements (
      credential_code TEXT NOT NULL,
      asset_id TEXT NOT NULL,
      asset_code TEXT NOT NULL,
      family TEXT NOT NULL,
      target_type TEXT NOT NULL CHECK (target_type IN ('product', 'product_model')),
      target_code TEXT NOT NULL,
      attribute TEXT NOT NULL,
      locale TEXT,
      scope TEXT,
      slot_key TEXT NOT NULL,
      position INTEGER,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (credential_code, asset_id, slot_key)
    );
    CREATE INDEX collection_placements_slot ON collection_placements (slot_key);
    CREATE TABLE akeneo_assets (
      credential_code TEXT NOT NULL,
      asset_id TEXT NOT NULL,
      family TEXT NOT NULL,
      asset_code TEXT NOT NULL,
      media_file_code TEXT,
      file_fingerprint TEXT,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (credential_code, asset_id, family)
    );
  `
}

export default migration
