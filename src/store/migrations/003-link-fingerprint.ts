import type { Migration } from './index.js'

/**
 * The file a media link was written from (the Bynder media item id of the original or of
 * the derivative), so a metadata-only edit of the asset — which bumps its `dateModified`,
 * and which the Akeneo → Bynder jobs make themselves — does not upload the file again.
 * NULL for URL links and rows written before this step (they fall back to `dateModified`).
 */
const migration: Migration = {
  version: 3,
  name: 'link-fingerprint',
  up: `
    ALTER TABLE links ADD COLUMN file_fingerprint TEXT;
  `
}

export default migration
