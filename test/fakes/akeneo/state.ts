import { SortedKeysMap } from './sorted-keys-map.js'

/** In-memory state of the fake Akeneo PIM: plain data that tests seed and inspect. */
export type AttributeType =
  | 'pim_catalog_identifier' | 'pim_catalog_text' | 'pim_catalog_textarea'
  | 'pim_catalog_simpleselect' | 'pim_catalog_multiselect' | 'pim_catalog_image'
  | 'pim_catalog_file' | 'pim_catalog_number' | 'pim_catalog_boolean' | 'pim_catalog_date'
  | 'pim_catalog_asset_collection'

export interface FakeAttribute {
  code: string
  type: AttributeType
  localizable: boolean
  scopable: boolean
  /** Empty = every PIM locale (Akeneo's "locale specific" attributes list some). */
  available_locales: string[]
  allowed_extensions: string[]
  options: Array<{ code: string, labels: Record<string, string> }>
  /** pim_catalog_asset_collection: the asset family (asset-collection-values.ts). */
  reference_data_name?: string
}

export interface FakeFamily {
  code: string
  attributes: string[]
  /** family variant code → attributes set on the product model (the rest go on variants). */
  variants: Record<string, { modelAttributes: string[] }>
}

export interface FakeValue { locale: string | null, scope: string | null, data: unknown }
export type FakeValues = Record<string, FakeValue[]>

export interface FakeProduct {
  uuid: string
  family: string | null
  parent: string | null
  categories: string[]
  enabled: boolean
  values: FakeValues
  created: number
  updated: number
}

export interface FakeProductModel {
  code: string
  family: string
  family_variant: string
  parent: string | null
  categories: string[]
  values: FakeValues
  created: number
  updated: number
}

export interface FakeMediaFile {
  code: string
  original_filename: string
  mime_type: string
  size: number
  extension: string
  bytes: Buffer
}

export type FakeRight = 'own' | 'edit' | 'view'

export interface FakeClient { clientId: string, secret: string, username: string, password: string }

export interface FakeAkeneoState {
  baseUrl: string
  /**
   * Scheme and host list pages write into `_links`; unset = `baseUrl`. Behind a
   * TLS-terminating proxy without TRUSTED_PROXY_IPS Akeneo writes `http://<internal host>`
   * (PHP client issues 169 and 245, PIM issue 11819).
   */
  linkBaseUrl?: string
  /** The server's `date.timezone`: search dates are wall times in it (SaaS: UTC). */
  timeZone: string
  /**
   * `7.0` (default): products-uuid routes and `uuid`. `6.0`: identifier routes only, products
   * without `uuid`, system-information answers. `5.0`: neither (pim-api-docs x-versions).
   */
  version: '5.0' | '6.0' | '7.0'
  /** EE adds `metadata.workflow_status` to products and models and applies `rights`. */
  edition: 'CE' | 'EE'
  /**
   * EE category rights of the connection's user per entity (`product:<uuid>`,
   * `product_model:<code>`), else `defaultRight`. `edit` without `own`: a PATCH or upload is
   * answered 2xx but saved as a draft (pim-api-docs permissions.md, "Proposals"); `view`: 403.
   */
  rights: Map<string, FakeRight>
  defaultRight: FakeRight
  /** The user's draft values per entity key (what edit-only writes produced). */
  drafts: Map<string, FakeValues>
  identifierAttribute: string
  locales: string[]
  channels: string[]
  attributes: Map<string, FakeAttribute>
  families: Map<string, FakeFamily>
  /** By uuid and by code, keys kept sorted for search_after list pages. */
  products: SortedKeysMap<FakeProduct>
  productModels: SortedKeysMap<FakeProductModel>
  mediaFiles: Map<string, FakeMediaFile>
  clients: FakeClient[]
}

export function createState (): FakeAkeneoState {
  return {
    baseUrl: '',
    timeZone: 'UTC',
    version: '7.0',
    edition: 'CE',
    rights: new Map(),
    defaultRight: 'own',
    drafts: new Map(),
    identifierAttribute: 'sku',
    locales: ['en_US', 'fr_FR', 'de_DE'],
    channels: ['ecommerce', 'print'],
    attributes: new Map(),
    families: new Map(),
    products: new SortedKeysMap(),
    productModels: new SortedKeysMap(),
    mediaFiles: new Map(),
    clients: []
  }
}

/** The product's identifier lives in the identifier attribute's value (UUID era). */
/** Whether the PIM has `uuid` and the products-uuid routes (7.0 and SaaS). */
export const hasUuids = (state: FakeAkeneoState): boolean => state.version === '7.0'

export function productIdentifier (state: FakeAkeneoState, product: FakeProduct): string | null {
  const data = product.values[state.identifierAttribute]?.[0]?.data
  return typeof data === 'string' ? data : null
}

export function findProductByIdentifier (state: FakeAkeneoState, identifier: string): FakeProduct | undefined {
  for (const product of state.products.values()) {
    if (productIdentifier(state, product) === identifier) return product
  }
  return undefined
}

/** Where list pages' `_links` point (see `linkBaseUrl`). */
export function linkBase (state: FakeAkeneoState): string {
  return state.linkBaseUrl ?? state.baseUrl
}

/** The connection's right on an entity: always `own` on CE (no category permissions there). */
export function rightOn (state: FakeAkeneoState, key: string): FakeRight {
  return state.edition === 'EE' ? state.rights.get(key) ?? state.defaultRight : 'own'
}

/** EE's `metadata.workflow_status` as GetWorkflowStatusForProduct computes it (null on CE). */
export function workflowStatus (state: FakeAkeneoState, key: string): string | null {
  if (state.edition !== 'EE') return null
  const right = rightOn(state, key)
  if (right === 'own') return 'working_copy'
  if (right === 'view') return 'read_only'
  // Edit rights without a draft yet still read `working_copy`.
  return state.drafts.has(key) ? 'draft_in_progress' : 'working_copy'
}
