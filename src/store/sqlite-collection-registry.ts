import type { Database } from 'better-sqlite3'
import { collectionSlotKey, type AkeneoAssetRecord, type CollectionPlacementRecord, type CollectionRegistry } from './collection-registry.js'

export interface PlacementRow {
  credential_code: string, asset_id: string, asset_code: string, family: string, target_type: 'product' | 'product_model', target_code: string,
  attribute: string, locale: string | null, scope: string | null, slot_key: string, position: number | null, asset_date_modified: string | null, status: 'linked' | 'waiting', updated_at: number
}
export interface AkeneoAssetRow {
  credential_code: string, asset_id: string, family: string, asset_code: string, media_file_code: string | null, file_fingerprint: string | null, updated_at: number
}

export const toPlacement = (row: PlacementRow): CollectionPlacementRecord => ({
  credentialCode: row.credential_code, assetId: row.asset_id, assetCode: row.asset_code, family: row.family, targetType: row.target_type, targetCode: row.target_code,
  attribute: row.attribute, locale: row.locale, scope: row.scope, position: row.position, assetDateModified: row.asset_date_modified, status: row.status, updatedAt: row.updated_at
})
export const toAkeneoAsset = (row: AkeneoAssetRow): AkeneoAssetRecord => ({
  credentialCode: row.credential_code, assetId: row.asset_id, family: row.family, assetCode: row.asset_code,
  mediaFileCode: row.media_file_code, fileFingerprint: row.file_fingerprint, updatedAt: row.updated_at
})
export const placementParams = (r: CollectionPlacementRecord): unknown[] => [r.credentialCode, r.assetId, r.assetCode, r.family, r.targetType, r.targetCode,
  r.attribute, r.locale, r.scope, collectionSlotKey(r), r.position, r.assetDateModified, r.status, r.updatedAt]
export const akeneoAssetParams = (r: AkeneoAssetRecord): unknown[] => [r.credentialCode, r.assetId, r.family, r.assetCode, r.mediaFileCode, r.fileFingerprint, r.updatedAt]

export function sqliteCollectionRegistry (db: Database): CollectionRegistry {
  const q = {
    forAsset: db.prepare<[string, string], PlacementRow>('SELECT * FROM collection_placements WHERE credential_code = ? AND asset_id = ? ORDER BY slot_key'),
    waitingFor: db.prepare<[string, string], PlacementRow>("SELECT * FROM collection_placements WHERE target_type = ? AND target_code = ? AND status = 'waiting' ORDER BY credential_code, asset_id, slot_key"),
    inCollection: db.prepare<[string], PlacementRow>("SELECT * FROM collection_placements WHERE slot_key = ? AND status = 'linked' ORDER BY credential_code, asset_id"),
    save: db.prepare(`INSERT INTO collection_placements (credential_code, asset_id, asset_code, family, target_type, target_code, attribute, locale, scope, slot_key, position, asset_date_modified, status, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (credential_code, asset_id, slot_key) DO UPDATE SET asset_code = excluded.asset_code, family = excluded.family,
        position = excluded.position, asset_date_modified = excluded.asset_date_modified, status = excluded.status, updated_at = excluded.updated_at`),
    remove: db.prepare('DELETE FROM collection_placements WHERE credential_code = ? AND asset_id = ? AND slot_key = ?'),
    assetsOf: db.prepare<[string, string], AkeneoAssetRow>('SELECT * FROM akeneo_assets WHERE credential_code = ? AND asset_id = ? ORDER BY family'),
    saveAsset: db.prepare(`INSERT INTO akeneo_assets (credential_code, asset_id, family, asset_code, media_file_code, file_fingerprint, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (credential_code, asset_id, family) DO UPDATE SET asset_code = excluded.asset_code, media_file_code = excluded.media_file_code,
        file_fingerprint = excluded.file_fingerprint, updated_at = excluded.updated_at`),
    removeAsset: db.prepare('DELETE FROM akeneo_assets WHERE credential_code = ? AND asset_id = ? AND family = ?')
  }
  return {
    forAsset: async (credentialCode, assetId) => q.forAsset.all(credentialCode, assetId).map(toPlacement),
    waitingFor: async (targetType, targetCode) => q.waitingFor.all(targetType, targetCode).map(toPlacement),
    inCollection: async (slot) => q.inCollection.all(collectionSlotKey(slot)).map(toPlacement),
    save: async (record) => { q.save.run(...placementParams(record)) },
    remove: async (credentialCode, assetId, slot) => { q.remove.run(credentialCode, assetId, collectionSlotKey(slot)) },
    assetsOf: async (credentialCode, assetId) => q.assetsOf.all(credentialCode, assetId).map(toAkeneoAsset),
    saveAsset: async (record) => { q.saveAsset.run(...akeneoAssetParams(record)) },
    removeAsset: async (credentialCode, assetId, family) => { q.removeAsset.run(credentialCode, assetId, family) }
  }
}
