import type { Database } from 'better-sqlite3'
import type { LinkFilter, LinkRecord, LinkRegistry } from './link-registry.js'

export interface LinkRow {
  credential_code: string
  asset_id: string
  asset_name: string | null
  asset_date_modified: string
  target_type: 'product' | 'product_model'
  target_code: string
  product_uuid: string | null
  attribute: string
  locale: string | null
  scope: string | null
  slot_key: string
  source: string
  write_kind: 'media_file' | 'url'
  status: 'linked' | 'waiting'
  value: string | null
  file_fingerprint: string | null
  updated_at: number
}

export function toRecord (row: LinkRow): LinkRecord {
  return {
    credentialCode: row.credential_code,
    assetId: row.asset_id,
    assetName: row.asset_name,
    assetDateModified: row.asset_date_modified,
    targetType: row.target_type,
    targetCode: row.target_code,
    productUuid: row.product_uuid,
    attribute: row.attribute,
    locale: row.locale,
    scope: row.scope,
    slotKey: row.slot_key,
    source: row.source,
    writeKind: row.write_kind,
    status: row.status,
    value: row.value,
    fileFingerprint: row.file_fingerprint,
    updatedAt: row.updated_at
  }
}

/** The registry on the store's SQLite connection (synchronous underneath, async for the interface). */
export function sqliteLinkRegistry (db: Database): LinkRegistry {
  const q = {
    forAsset: db.prepare<[string, string], LinkRow>('SELECT * FROM links WHERE credential_code = ? AND asset_id = ? ORDER BY slot_key'),
    waitingFor: db.prepare<[string, string], LinkRow>("SELECT * FROM links WHERE target_type = ? AND target_code = ? AND status = 'waiting' ORDER BY asset_id, slot_key"),
    save: db.prepare(`INSERT INTO links (credential_code, asset_id, asset_name, asset_date_modified, target_type, target_code, product_uuid,
        attribute, locale, scope, slot_key, source, write_kind, status, value, file_fingerprint, updated_at)
      VALUES (@credentialCode, @assetId, @assetName, @assetDateModified, @targetType, @targetCode, @productUuid,
        @attribute, @locale, @scope, @slotKey, @source, @writeKind, @status, @value, @fileFingerprint, @updatedAt)
      ON CONFLICT (credential_code, asset_id, slot_key) DO UPDATE SET asset_name = excluded.asset_name,
        asset_date_modified = excluded.asset_date_modified, product_uuid = COALESCE(excluded.product_uuid, links.product_uuid), source = excluded.source,
        write_kind = excluded.write_kind, status = excluded.status, value = excluded.value,
        file_fingerprint = excluded.file_fingerprint, updated_at = excluded.updated_at`),
    forTarget: db.prepare<[string, string], LinkRow>('SELECT * FROM links WHERE target_type = ? AND target_code = ? ORDER BY asset_id, slot_key'),
    markVerified: db.prepare<[string, number, string, string]>("UPDATE links SET asset_date_modified = ?, updated_at = ? WHERE credential_code = ? AND asset_id = ? AND status = 'linked'"),
    setProductUuid: db.prepare<[string, string]>("UPDATE links SET product_uuid = ? WHERE target_type = 'product' AND target_code = ? AND product_uuid IS NULL"),
    targetCodeOfProduct: db.prepare<[string], { target_code: string }>("SELECT target_code FROM links WHERE target_type = 'product' AND product_uuid = ? LIMIT 1"),
    removeTarget: db.prepare<[string, string]>('DELETE FROM links WHERE target_type = ? AND target_code = ?'),
    remove: db.prepare('DELETE FROM links WHERE credential_code = ? AND asset_id = ? AND slot_key = ?')
  }
  return {
    forAsset: async (credentialCode, assetId) => q.forAsset.all(credentialCode, assetId).map(toRecord),
    waitingFor: async (targetType, targetCode) => q.waitingFor.all(targetType, targetCode).map(toRecord),
    forTarget: async (targetType, targetCode) => q.forTarget.all(targetType, targetCode).map(toRecord),
    markVerified: async (credentialCode, assetId, assetDateModified, updatedAt) => {
      q.markVerified.run(assetDateModified, updatedAt, credentialCode, assetId)
    },
    setProductUuid: async (identifier, productUuid) => q.setProductUuid.run(productUuid, identifier).changes,
    targetCodeOfProduct: async (productUuid) => q.targetCodeOfProduct.get(productUuid)?.target_code ?? null,
    removeTarget: async (targetType, targetCode) => q.removeTarget.run(targetType, targetCode).changes,
    save: async (record) => { q.save.run(record) },
    remove: async (credentialCode, assetId, slotKey) => { q.remove.run(credentialCode, assetId, slotKey) },
    list: async (filter: LinkFilter) => {
      const where: string[] = []
      const params: Record<string, string | number> = { limit: filter.limit }
      if (filter.asset !== undefined) { where.push('asset_id = @asset'); params.asset = filter.asset }
      if (filter.target !== undefined) { where.push('target_code = @target'); params.target = filter.target }
      if (filter.status !== undefined) { where.push('status = @status'); params.status = filter.status }
      const sql = `SELECT * FROM links ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY target_type, target_code, attribute, asset_id LIMIT @limit`
      return (db.prepare(sql).all(params) as LinkRow[]).map(toRecord)
    }
  }
}
