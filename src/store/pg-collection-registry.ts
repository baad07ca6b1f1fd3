import type pg from 'pg'
import { collectionSlotKey, type CollectionRegistry } from './collection-registry.js'
import { akeneoAssetParams, placementParams, toAkeneoAsset, toPlacement, type AkeneoAssetRow, type PlacementRow } from './sqlite-collection-registry.js'

/** The collection registry on PostgreSQL (the rules and order of `sqlite-collection-registry.ts`). */
export function pgCollectionRegistry (pool: pg.Pool): CollectionRegistry {
  return {
    forAsset: async (credentialCode, assetId) => (await pool.query<PlacementRow>(
      'SELECT * FROM collection_placements WHERE credential_code = $1 AND asset_id = $2 ORDER BY slot_key COLLATE "C"', [credentialCode, assetId])).rows.map(toPlacement),
    waitingFor: async (targetType, targetCode) => (await pool.query<PlacementRow>(
      "SELECT * FROM collection_placements WHERE target_type = $1 AND target_code = $2 AND status = 'waiting' ORDER BY credential_code COLLATE \"C\", asset_id COLLATE \"C\", slot_key COLLATE \"C\"",
      [targetType, targetCode])).rows.map(toPlacement),
    inCollection: async (slot) => (await pool.query<PlacementRow>(
      "SELECT * FROM collection_placements WHERE slot_key = $1 AND status = 'linked' ORDER BY credential_code COLLATE \"C\", asset_id COLLATE \"C\"", [collectionSlotKey(slot)])).rows.map(toPlacement),
    save: async (record) => {
      await pool.query(`INSERT INTO collection_placements (credential_code, asset_id, asset_code, family, target_type, target_code, attribute, locale, scope, slot_key, position, asset_date_modified, status, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
        ON CONFLICT (credential_code, asset_id, slot_key) DO UPDATE SET asset_code = EXCLUDED.asset_code, family = EXCLUDED.family,
          position = EXCLUDED.position, asset_date_modified = EXCLUDED.asset_date_modified, status = EXCLUDED.status, updated_at = EXCLUDED.updated_at`, placementParams(record))
    },
    remove: async (credentialCode, assetId, slot) => {
      await pool.query('DELETE FROM collection_placements WHERE credential_code = $1 AND asset_id = $2 AND slot_key = $3', [credentialCode, assetId, collectionSlotKey(slot)])
    },
    assetsOf: async (credentialCode, assetId) => (await pool.query<AkeneoAssetRow>(
      'SELECT * FROM akeneo_assets WHERE credential_code = $1 AND asset_id = $2 ORDER BY family COLLATE "C"', [credentialCode, assetId])).rows.map(toAkeneoAsset),
    saveAsset: async (record) => {
      await pool.query(`INSERT INTO akeneo_assets (credential_code, asset_id, family, asset_code, media_file_code, file_fingerprint, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (credential_code, asset_id, family) DO UPDATE SET asset_code = EXCLUDED.asset_code, media_file_code = EXCLUDED.media_file_code,
          file_fingerprint = EXCLUDED.file_fingerprint, updated_at = EXCLUDED.updated_at`, akeneoAssetParams(record))
    },
    removeAsset: async (credentialCode, assetId, family) => {
      await pool.query('DELETE FROM akeneo_assets WHERE credential_code = $1 AND asset_id = $2 AND family = $3', [credentialCode, assetId, family])
    }
  }
}
