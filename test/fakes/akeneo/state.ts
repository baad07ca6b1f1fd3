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

export interface FakeClient { clientId: string, secret: string, username: string, password: string }

export interface FakeAkeneoState {
  baseUrl: string
  identifierAttribute: string
  locales: string[]
  channels: string[]
  attributes: Map<string, FakeAttribute>
  families: Map<string, FakeFamily>
  products: Map<string, FakeProduct>
  productModels: Map<string, FakeProductModel>
  mediaFiles: Map<string, FakeMediaFile>
  clients: FakeClient[]
}

export function createState (): FakeAkeneoState {
  return {
    baseUrl: '',
    identifierAttribute: 'sku',
    locales: ['en_US', 'fr_FR', 'de_DE'],
    channels: ['ecommerce', 'print'],
    attributes: new Map(),
    families: new Map(),
    products: new Map(),
    productModels: new Map(),
    mediaFiles: new Map(),
    clients: []
  }
}

/** The product's identifier lives in the identifier attribute's value (UUID era). */
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
