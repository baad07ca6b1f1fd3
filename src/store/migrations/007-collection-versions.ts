import type { Migration } from './index.js'

/**
 * The Bynder `dateModified` each collection placement was written (or verified) from, as the
 * link registry keeps for media links: a replay judges an asset-collection asset settled from
 * these rows without a call. NULL for rows written before this step (they are handled once more).
 */
const migration: Migration = {
  version: 7,
  name: 'collection-versions',
  up: `
    ALTER TABLE collection_placements ADD COLUMN asset_date_modified TEXT;
  `
}

export default migration
