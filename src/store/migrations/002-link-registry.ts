import type { Migration } from './index.js'

/**
 * The link registry: which asset was written where, with which value, from which asset
 * version. One row per (credential, asset, slot) where the slot is the JSON `linkKey`
 * (target, attribute, locale, scope). Two assets may claim the same slot: the value in
 * Akeneo decides which one still holds it (an unlink only clears its own value).
 * `status = 'waiting'` rows name a product/model that did not exist yet (value NULL).
 */
const migration: Migration = {
  version: 2,
  name: 'link-registry',
  up: `
    CREATE TABLE links (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      credential_code TEXT NOT NULL,
      asset_id TEXT NOT NULL,
      asset_name TEXT,
      asset_date_modified TEXT NOT NULL,
      target_type TEXT NOT NULL CHECK (target_type IN ('product', 'product_model')),
      target_code TEXT NOT NULL,
      product_uuid TEXT,
      attribute TEXT NOT NULL,
      locale TEXT,
      scope TEXT,
      slot_key TEXT NOT NULL,
      source TEXT NOT NULL,
      write_kind TEXT NOT NULL CHECK (write_kind IN ('media_file', 'url')),
      status TEXT NOT NULL CHECK (status IN ('linked', 'waiting')),
      value TEXT,
      updated_at INTEGER NOT NULL,
      UNIQUE (credential_code, asset_id, slot_key)
    );
    CREATE INDEX links_target ON links (target_type, target_code, status);
    CREATE INDEX links_asset ON links (asset_id);
  `
}

export default migration
