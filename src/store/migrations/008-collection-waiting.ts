import type { Migration } from './index.js'

/**
 * A placement into a product or model that does not exist yet is kept as `waiting`, as media
 * links are (DESIGN §5): the entity's creation event, or a replay, puts the code in then.
 */
const migration: Migration = {
  version: 8,
  name: 'collection-waiting',
  up: `
    ALTER TABLE collection_placements ADD COLUMN status TEXT NOT NULL DEFAULT 'linked' CHECK (status IN ('linked', 'waiting'));
    CREATE INDEX collection_placements_target ON collection_placements (target_type, target_code);
  `
}

export default migration
