import inbox from './001-inbox.js'
import linkRegistry from './002-link-registry.js'
import linkFingerprint from './003-link-fingerprint.js'
import replay from './004-replay.js'
import assetWrites from './005-asset-writes.js'
import assetCollections from './006-asset-collections.js'
import collectionVersions from './007-collection-versions.js'
import collectionWaiting from './008-collection-waiting.js'
import intakeIndexes from './009-intake-indexes.js'
import targetLeases from './010-target-leases.js'

/**
 * Ordered, append-only list of schema steps. Each runs once, inside the transaction that
 * records it in `schema_migrations`. To change the schema, add `00N-name.ts` exporting a
 * `Migration` and append it here — never edit a step that has shipped.
 */
export interface Migration {
  version: number
  name: string
  /** SQL statements run with `exec` (several statements allowed). */
  up: string
}

export const MIGRATIONS: readonly Migration[] = [inbox, linkRegistry, linkFingerprint, replay, assetWrites, assetCollections, collectionVersions, collectionWaiting, intakeIndexes, targetLeases]
