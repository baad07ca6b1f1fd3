import type pg from 'pg'
import type { AssetWriteLog } from './asset-writes.js'
import { transaction } from './pg-pool.js'

/**
 * The asset write log on PostgreSQL. The compare-and-set is one statement on the revision
 * row — an insert that does nothing when the row exists (expected 0), or an update guarded
 * by the expected revision — so of two replicas recording from one revision, the second
 * waits for the first's row lock, re-reads the revision and matches nothing.
 */
export function pgAssetWrites (pool: pg.Pool): AssetWriteLog {
  return {
    get: async (credentialCode, assetId) => {
      const revision = await pool.query<{ revision: number }>('SELECT revision FROM asset_write_revisions WHERE credential_code = $1 AND asset_id = $2', [credentialCode, assetId])
      const entries = await pool.query<{ metaproperty_id: string, value: string[] | string, written_at: number }>(`SELECT metaproperty_id, value, written_at
        FROM asset_writes WHERE credential_code = $1 AND asset_id = $2 ORDER BY metaproperty_id COLLATE "C"`, [credentialCode, assetId])
      return {
        revision: revision.rows[0]?.revision ?? 0,
        entries: entries.rows.map((row) => ({ metapropertyId: row.metaproperty_id, value: row.value, writtenAt: row.written_at }))
      }
    },
    record: async (credentialCode, assetId, expectedRevision, values, now) => await transaction(pool, async (sql) => {
      const bumped = expectedRevision === 0
        ? await sql.query(`INSERT INTO asset_write_revisions (credential_code, asset_id, revision, updated_at) VALUES ($1, $2, 1, $3)
            ON CONFLICT (credential_code, asset_id) DO NOTHING`, [credentialCode, assetId, now])
        : await sql.query(`UPDATE asset_write_revisions SET revision = revision + 1, updated_at = $3
            WHERE credential_code = $1 AND asset_id = $2 AND revision = $4`, [credentialCode, assetId, now, expectedRevision])
      if (bumped.rowCount !== 1) return false
      for (const [metapropertyId, value] of Object.entries(values)) {
        await sql.query(`INSERT INTO asset_writes (credential_code, asset_id, metaproperty_id, value, written_at) VALUES ($1, $2, $3, $4::jsonb, $5)
          ON CONFLICT (credential_code, asset_id, metaproperty_id) DO UPDATE SET value = EXCLUDED.value, written_at = EXCLUDED.written_at`,
        [credentialCode, assetId, metapropertyId, JSON.stringify(value), now])
      }
      return true
    }),
    prune: async (olderThan) => (await pool.query('DELETE FROM asset_writes WHERE written_at < $1', [olderThan])).rowCount ?? 0
  }
}
