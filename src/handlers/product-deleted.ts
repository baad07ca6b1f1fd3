import type { Asset } from '../clients/bynder/index.js'
import { DEFAULT_CREDENTIAL_CODE } from '../config/credentials.js'
import type { LinkRecord } from '../store/link-registry.js'
import { withIdentifierLabels } from './asset-handler.js'
import { writeWithLog } from './own-writes.js'
import { describe, identifierIn, namingAssets } from './product-entities.js'
import { dryRunWrites } from './product-plan.js'
import type { EntityRef, EntityType, ProductDeps, ProductSyncResult, SyncProductOptions } from './product-sync.js'

/**
 * A product or model that no longer exists: its registry rows are dropped (nothing is left
 * in Akeneo to unlink), and with `remove_deleted_products_from_assets` its identifier / code
 * is taken out of the Bynder assets that name it.
 */
export async function syncDeletedEntity (deps: ProductDeps, kind: EntityType, entityId: string, options: SyncProductOptions): Promise<ProductSyncResult> {
  const code = kind === 'product_model' ? entityId : identifierIn(entityId) ?? await deps.store.links.targetCodeOfProduct(entityId)
  const what = kind === 'product' ? `product ${entityId}` : `product model ${entityId}`
  if (code === null) return { entity: null, note: `${what} does not exist: nothing registered for it`, updated: null }
  const ref: EntityRef = { type: kind, code }
  const rows = await deps.store.links.forTarget(kind, code)
  let removed = 0
  if (deps.mapping.remove_deleted_products_from_assets) {
    removed = await removeFromAssets(deps, ref, rows, options)
  }
  const dropped = options.dryRun === undefined ? await deps.store.links.removeTarget(kind, code) : rows.length
  return {
    entity: ref,
    note: `${describe(ref)} was deleted: ${dropped} registry entries dropped` + (deps.mapping.remove_deleted_products_from_assets ? `, removed from ${removed} assets` : ''),
    updated: null
  }
}

async function removeFromAssets (deps: ProductDeps, ref: EntityRef, rows: readonly LinkRecord[], options: SyncProductOptions): Promise<number> {
  const { product_identifier: products, product_model_code: models } = deps.mapping.metaproperty_mappings
  const name = ref.type === 'product' ? products : models
  if (name === undefined) return 0
  let removed = 0
  for (const credentialCode of deps.credentialCodes ?? [DEFAULT_CREDENTIAL_CODE]) {
    const bynder = deps.bynder(credentialCode)
    const metaproperties = await bynder.getMetaproperties()
    const assets = new Map<string, Asset | null>()
    for (const row of rows) if (row.credentialCode === credentialCode) assets.set(row.assetId, null)
    for await (const asset of namingAssets(bynder, deps.mapping, metaproperties, ref, 'any')) assets.set(asset.id, asset)
    for (const [assetId, listed] of assets) {
      const { outcome } = await writeWithLog({
        store: deps.store,
        credentialCode,
        bynder,
        assetId,
        asset: listed,
        mapping: deps.mapping,
        dryRun: options.dryRun !== undefined,
        now: deps.now ?? Date.now,
        plan: async (asset) => {
          const labelled = withIdentifierLabels(asset, deps.mapping, metaproperties)
          const names = asset.properties[name] ?? []
          const kept = names.filter((_, index) => labelled.properties[name]?.[index] !== ref.code)
          if (kept.length === names.length) return []
          return [{ metaproperty: name, kind: 'options', options: kept.map((option) => ({ name: option, label: option })), why: `${describe(ref)} was deleted in Akeneo` }]
        }
      })
      if (outcome === null) continue
      options.dryRun?.push(...dryRunWrites(assetId, outcome))
      if (outcome.posted) removed++
    }
  }
  return removed
}
