import type { Database } from 'better-sqlite3'
import type { AssetWriteLog } from './asset-writes.js'

interface WriteRow { metaproperty_id: string, value: string, written_at: number }

export function sqliteAssetWrites (db: Database): AssetWriteLog {
  const revision = db.prepare<[string, string], { revision: number }>('SELECT revision FROM asset_write_revisions WHERE credential_code = ? AND asset_id = ?')
  const entries = db.prepare<[string, string], WriteRow>(`SELECT metaproperty_id, value, written_at FROM asset_writes
    WHERE credential_code = ? AND asset_id = ? ORDER BY metaproperty_id`)
  const bump = db.prepare(`INSERT INTO asset_write_revisions (credential_code, asset_id, revision, updated_at) VALUES (?, ?, 1, ?)
    ON CONFLICT (credential_code, asset_id) DO UPDATE SET revision = revision + 1, updated_at = excluded.updated_at`)
  const upsert = db.prepare(`INSERT INTO asset_writes (credential_code, asset_id, metaproperty_id, value, written_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (credential_code, asset_id, metaproperty_id) DO UPDATE SET value = excluded.value, written_at = excluded.written_at`)
  const prune = db.prepare('DELETE FROM asset_writes WHERE written_at < ?')

  const recordTx = db.transaction((credentialCode: string, assetId: string, expected: number, values: Record<string, string[] | string>, now: number): boolean => {
    if ((revision.get(credentialCode, assetId)?.revision ?? 0) !== expected) return false
    bump.run(credentialCode, assetId, now)
    for (const [metapropertyId, value] of Object.entries(values)) upsert.run(credentialCode, assetId, metapropertyId, JSON.stringify(value), now)
    return true
  })

  return {
    get: async (credentialCode, assetId) => ({
      revision: revision.get(credentialCode, assetId)?.revision ?? 0,
      entries: entries.all(credentialCode, assetId).map((row) => ({
        metapropertyId: row.metaproperty_id, value: JSON.parse(row.value) as string[] | string, writtenAt: row.written_at
      }))
    }),
    record: async (credentialCode, assetId, expectedRevision, values, now) => recordTx(credentialCode, assetId, expectedRevision, values, now),
    prune: async (olderThan) => prune.run(olderThan).changes
  }
}
