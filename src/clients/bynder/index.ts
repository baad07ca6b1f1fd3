import type { Readable } from 'node:stream'
import type { Asset } from './asset.js'
import { assetsApi, type AssetPage, type AssetPageQuery, type ListAssetsQuery } from './assets.js'
import { getDownloadUrl } from './downloads.js'
import { createBynderHttp, type BynderHttpOptions } from './http.js'
import { createMetapropertyCache, type OptionResult } from './metaproperty-cache.js'
import type { MetapropertyIndex } from './metaproperties.js'
import { listDeletedAssets, type DeletedAsset } from './trash.js'
import { setMetaproperties, type MetapropertyValues } from './writes.js'

export { assetProperty, normalizeAsset, AssetSchema, RawAssetSchema, InvalidAssetError, type Asset } from './asset.js'
export type { AssetOrder, AssetPage, AssetPageQuery, ListAssetsQuery } from './assets.js'
export { DerivativeNotFoundError, originalDownloadRoles } from './downloads.js'
export { createBynderEgress, DEFAULT_BLOCK_QUIET_MS, DEFAULT_BLOCK_RAMP_MS, type BynderEgress } from './egress.js'
export { formatBynderDate } from './format.js'
export { sanitizeOptionName } from '../../sync/option-name.js'
export { metapropertyKind, takesOptions, OPTION_TYPE_NAMES, type MetapropertyKind } from '../../sync/metaproperty-kind.js'
export type { OptionResult } from './metaproperty-cache.js'
export { MetapropertySchema, OptionSchema, type IndexedMetaproperty, type Metaproperty, type MetapropertyIndex, type Option } from './metaproperties.js'
export { DeletedAssetSchema, type DeletedAsset } from './trash.js'
export { buildMetapropertyForm, type MetapropertyValues } from './writes.js'

export interface BynderClientOptions extends BynderHttpOptions {
  /** How long metaproperties (and their options) are cached. Default 5 minutes. */
  metapropertiesTtlMs?: number
}

export interface BynderClient {
  /** `withFileFingerprint` reads `versions=1` (same single call) to fill `asset.fileFingerprint`. */
  getAsset: (id: string, options?: { withFileFingerprint?: boolean }) => Promise<Asset | null>
  listAssets: (query?: ListAssetsQuery) => AsyncIterable<Asset>
  /** One page of one (archive, limited) pass, for keyset walks (`listModifiedAssets`). */
  listAssetPage: (query: AssetPageQuery) => Promise<AssetPage>
  /** `'original'` or a derivative name (a key of `asset.thumbnails`). */
  getDownloadUrl: (asset: Asset, source: 'original' | (string & {})) => Promise<string>
  /** Streams a download URL without the Bynder auth header. */
  openDownload: (url: string) => Promise<Readable>
  getMetaproperties: () => Promise<MetapropertyIndex>
  invalidateMetaproperties: () => void
  setMetaproperties: (assetId: string, values: MetapropertyValues) => Promise<void>
  createOrGetOption: (metapropertyId: string, option: { name: string, label?: string, labels?: Record<string, string> }) => Promise<OptionResult>
  listDeletedAssets: (query?: { since?: Date, pageSize?: number }) => AsyncIterable<DeletedAsset>
}

/**
 * One client per Bynder portal: every call (retries and downloads from the portal's own
 * host included) shares one rate limiter; upstream failures surface as UpstreamError.
 */
export function createBynderClient (options: BynderClientOptions): BynderClient {
  const http = createBynderHttp(options)
  const assets = assetsApi(http)
  const cache = createMetapropertyCache(http, options.metapropertiesTtlMs ?? 5 * 60_000)
  return {
    getAsset: assets.getAsset,
    listAssets: assets.listAssets,
    listAssetPage: assets.listAssetPage,
    getDownloadUrl: (asset, source) => getDownloadUrl(http, asset, source),
    openDownload: (url) => http.openStream(url),
    getMetaproperties: cache.getMetaproperties,
    invalidateMetaproperties: cache.invalidateMetaproperties,
    setMetaproperties: (assetId, values) => setMetaproperties(http, assetId, values),
    createOrGetOption: cache.createOrGetOption,
    listDeletedAssets: (query = {}) => listDeletedAssets(http, query)
  }
}
