/**
 * What this service put into Akeneo's asset collections (issue 16), so an unlink removes
 * only our code and leaves codes others added: one row per Bynder asset and collection
 * value (product or model, attribute, locale, scope), with the sort order it was placed
 * for; and one row per Akeneo asset made from a Bynder asset, with the media file it holds.
 * Reached as `store.collections`.
 */
export interface CollectionPlacementRecord {
  credentialCode: string
  assetId: string
  /** The Akeneo asset code put into the collection. */
  assetCode: string
  family: string
  targetType: 'product' | 'product_model'
  targetCode: string
  attribute: string
  locale: string | null
  scope: string | null
  /** Sort order it was placed for (1 = first); null = appended without one. */
  position: number | null
  /** Bynder `dateModified` of the asset version this placement was written or verified from; null when unknown. */
  assetDateModified: string | null
  /** `waiting`: the product or model did not exist yet; the code is not in its collection. */
  status: 'linked' | 'waiting'
  updatedAt: number
}

export interface AkeneoAssetRecord {
  credentialCode: string
  assetId: string
  family: string
  assetCode: string
  /** media_file families: the asset media file uploaded, and the Bynder file version it holds. */
  mediaFileCode: string | null
  fileFingerprint: string | null
  updatedAt: number
}

export type CollectionSlot = Pick<CollectionPlacementRecord, 'targetType' | 'targetCode' | 'attribute' | 'locale' | 'scope'>

/** One collection value's identity; JSON keeps the parts apart whatever characters they hold. */
export const collectionSlotKey = (slot: CollectionSlot): string =>
  JSON.stringify([slot.targetType, slot.targetCode, slot.attribute, slot.locale, slot.scope])

export interface CollectionRegistry {
  forAsset: (credentialCode: string, assetId: string) => Promise<CollectionPlacementRecord[]>
  /** Waiting placements naming this product identifier / product model code. */
  waitingFor: (targetType: CollectionPlacementRecord['targetType'], targetCode: string) => Promise<CollectionPlacementRecord[]>
  /** Every code this service placed into one collection value, whichever asset it came from (waiting ones are not in it). */
  inCollection: (slot: CollectionSlot) => Promise<CollectionPlacementRecord[]>
  /** Insert or replace the row of (credential, asset, collection value). */
  save: (record: CollectionPlacementRecord) => Promise<void>
  remove: (credentialCode: string, assetId: string, slot: CollectionSlot) => Promise<void>
  assetsOf: (credentialCode: string, assetId: string) => Promise<AkeneoAssetRecord[]>
  saveAsset: (record: AkeneoAssetRecord) => Promise<void>
  removeAsset: (credentialCode: string, assetId: string, family: string) => Promise<void>
}
