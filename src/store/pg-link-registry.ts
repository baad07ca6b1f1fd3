import type pg from 'pg'
import type { LinkFilter, LinkRegistry } from './link-registry.js'
import { toRecord, type LinkRow } from './sqlite-link-registry.js'

// Byte order, as SQLite sorts: the database's locale must not change what the admin route lists first.
const BY_SLOT = 'ORDER BY slot_key COLLATE "C"'
const BY_ASSET_SLOT = 'ORDER BY asset_id COLLATE "C", slot_key COLLATE "C"'

/** The link registry on PostgreSQL (the rules of `sqlite-link-registry.ts`). */
export function pgLinkRegistry (pool: pg.Pool): LinkRegistry {
  const rows = async (sql: string, params: unknown[]): Promise<LinkRow[]> => (await pool.query<LinkRow>(sql, params)).rows
  return {
    forAsset: async (credentialCode, assetId) =>
      (await rows(`SELECT * FROM links WHERE credential_code = $1 AND asset_id = $2 ${BY_SLOT}`, [credentialCode, assetId])).map(toRecord),
    waitingFor: async (targetType, targetCode) =>
      (await rows(`SELECT * FROM links WHERE target_type = $1 AND target_code = $2 AND status = 'waiting' ${BY_ASSET_SLOT}`, [targetType, targetCode])).map(toRecord),
    forTarget: async (targetType, targetCode) =>
      (await rows(`SELECT * FROM links WHERE target_type = $1 AND target_code = $2 ${BY_ASSET_SLOT}`, [targetType, targetCode])).map(toRecord),
    markVerified: async (credentialCode, assetId, assetDateModified, updatedAt) => {
      await pool.query("UPDATE links SET asset_date_modified = $1, updated_at = $2 WHERE credential_code = $3 AND asset_id = $4 AND status = 'linked'",
        [assetDateModified, updatedAt, credentialCode, assetId])
    },
    setProductUuid: async (identifier, productUuid) =>
      (await pool.query("UPDATE links SET product_uuid = $1 WHERE target_type = 'product' AND target_code = $2 AND product_uuid IS NULL",
        [productUuid, identifier])).rowCount ?? 0,
    targetCodeOfProduct: async (productUuid) =>
      (await rows("SELECT target_code FROM links WHERE target_type = 'product' AND product_uuid = $1 LIMIT 1", [productUuid]))[0]?.target_code ?? null,
    removeTarget: async (targetType, targetCode) =>
      (await pool.query('DELETE FROM links WHERE target_type = $1 AND target_code = $2', [targetType, targetCode])).rowCount ?? 0,
    save: async (r) => {
      await pool.query(`INSERT INTO links (credential_code, asset_id, asset_name, asset_date_modified, target_type, target_code, product_uuid,
          attribute, locale, scope, slot_key, source, write_kind, status, value, file_fingerprint, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
        ON CONFLICT (credential_code, asset_id, slot_key) DO UPDATE SET asset_name = EXCLUDED.asset_name,
          asset_date_modified = EXCLUDED.asset_date_modified, product_uuid = COALESCE(EXCLUDED.product_uuid, links.product_uuid), source = EXCLUDED.source,
          write_kind = EXCLUDED.write_kind, status = EXCLUDED.status, value = EXCLUDED.value,
          file_fingerprint = EXCLUDED.file_fingerprint, updated_at = EXCLUDED.updated_at`,
      [r.credentialCode, r.assetId, r.assetName, r.assetDateModified, r.targetType, r.targetCode, r.productUuid, r.attribute, r.locale, r.scope,
        r.slotKey, r.source, r.writeKind, r.status, r.value, r.fileFingerprint, r.updatedAt])
    },
    remove: async (credentialCode, assetId, slotKey) => {
      await pool.query('DELETE FROM links WHERE credential_code = $1 AND asset_id = $2 AND slot_key = $3', [credentialCode, assetId, slotKey])
    },
    list: async (filter: LinkFilter) => {
      const where: string[] = []
      const params: Array<string | number> = []
      for (const [column, value] of [['asset_id', filter.asset], ['target_code', filter.target], ['status', filter.status]] as const) {
        if (value === undefined) continue
        params.push(value)
        where.push(`${column} = $${params.length}`)
      }
      params.push(filter.limit)
      return (await rows(`SELECT * FROM links ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY target_type, target_code COLLATE "C", attribute COLLATE "C", asset_id COLLATE "C" LIMIT $${params.length}`, params)).map(toRecord)
    }
  }
}
