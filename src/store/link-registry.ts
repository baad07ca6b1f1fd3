/**
 * The link registry as handlers and the admin route see it (DESIGN §2: "which asset was
 * written where, with which value, from which asset version"). Reached as `store.links`,
 * so a PostgreSQL store implements it next to its inbox.
 */
export type LinkStatus = 'linked' | 'waiting'

export interface LinkRecord {
  credentialCode: string
  assetId: string
  assetName: string | null
  /** Bynder `dateModified` of the asset version that was written. */
  assetDateModified: string
  targetType: 'product' | 'product_model'
  /** Product identifier or product model code. */
  targetCode: string
  /** Known once the product was read or looked up after its upload; the upload itself addresses the identifier. */
  productUuid: string | null
  attribute: string
  locale: string | null
  scope: string | null
  /** The sync layer's `linkKey` of (target, attribute, locale, scope). */
  slotKey: string
  /** `original` or the derivative name. */
  source: string
  writeKind: 'media_file' | 'url'
  status: LinkStatus
  /** Media file code or URL written; null while waiting. */
  value: string | null
  /** Bynder media item id of the file written (media links); null when unknown. */
  fileFingerprint: string | null
  updatedAt: number
}

export interface LinkFilter {
  asset?: string
  /** A product identifier or product model code. */
  target?: string
  status?: LinkStatus
  limit: number
}

export interface LinkRegistry {
  forAsset: (credentialCode: string, assetId: string) => Promise<LinkRecord[]>
  /** Waiting rows that name this product identifier / product model code. */
  waitingFor: (targetType: LinkRecord['targetType'], targetCode: string) => Promise<LinkRecord[]>
  /** Every row (linked or waiting) naming this product identifier / product model code. */
  forTarget: (targetType: LinkRecord['targetType'], targetCode: string) => Promise<LinkRecord[]>
  /** The asset's linked rows were checked against this asset version: record it as theirs. */
  markVerified: (credentialCode: string, assetId: string, assetDateModified: string, updatedAt: number) => Promise<void>
  /**
   * A product's uuid learnt after its first link (linked without a read: the upload names the
   * identifier) into the rows of that identifier that lack one; returns how many.
   */
  setProductUuid: (identifier: string, productUuid: string) => Promise<number>
  /** The identifier a product uuid was linked under, when the registry knows it. */
  targetCodeOfProduct: (productUuid: string) => Promise<string | null>
  /** Drops every row naming a product / model that no longer exists; returns how many. */
  removeTarget: (targetType: LinkRecord['targetType'], targetCode: string) => Promise<number>
  /** Insert or replace the row of (credential, asset, slot); a null `productUuid` keeps the one known. */
  save: (record: LinkRecord) => Promise<void>
  remove: (credentialCode: string, assetId: string, slotKey: string) => Promise<void>
  list: (filter: LinkFilter) => Promise<LinkRecord[]>
}
