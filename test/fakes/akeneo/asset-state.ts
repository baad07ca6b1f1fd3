import type { FakeAkeneoState } from './state.js'

/** Asset Manager state of the fake PIM (EE / SaaS): plain data tests seed and inspect. */
export type FakeAssetAttributeType =
  | 'text' | 'media_link' | 'media_file' | 'number' | 'single_option' | 'multiple_options' | 'boolean' | 'date'

export interface FakeAssetAttribute {
  code: string
  type: FakeAssetAttributeType
  value_per_locale: boolean
  value_per_channel: boolean
  /** media_link: Akeneo builds the URL as prefix + data + suffix. */
  prefix: string | null
  suffix: string | null
  /** media_link / media_file: image, pdf, youtube, vimeo, other. */
  media_type: string | null
  /** media_file: empty = any extension. */
  allowed_extensions: string[]
  /** single_option / multiple_options: option codes. */
  options: string[]
}

/** Asset values say `channel`, never `scope`. */
export interface FakeAssetValue { locale: string | null, channel: string | null, data: unknown }
export type FakeAssetValues = Record<string, FakeAssetValue[]>

export interface FakeAsset { code: string, values: FakeAssetValues, created: number, updated: number }

export interface FakeAssetFamily {
  /** Case-sensitive: `Packshots` is another (missing) family. */
  code: string
  labels: Record<string, string>
  attribute_as_main_media: string | null
  naming_convention: Record<string, unknown>
  product_link_rules: unknown[]
  transformations: unknown[]
  attributes: Map<string, FakeAssetAttribute>
  assets: Map<string, FakeAsset>
}

export interface FakeAssetMediaFile { code: string, original_filename: string, mime_type: string, size: number, extension: string, bytes: Buffer }

export interface FakeAssetManager {
  families: Map<string, FakeAssetFamily>
  mediaFiles: Map<string, FakeAssetMediaFile>
  /**
   * Where asset lists put their items. The official PHP clients read `_embedded.items`;
   * the API reference's asset examples show `_embedded._items`: a test can switch to the
   * other reading to prove a client copes with both (README "Asset Manager").
   */
  embeddedKey: 'items' | '_items'
}

const managers = new WeakMap<FakeAkeneoState, FakeAssetManager>()

/** The Asset Manager of a fake PIM, created empty on first use (the default seed has none). */
export function assetManagerOf (state: FakeAkeneoState): FakeAssetManager {
  let manager = managers.get(state)
  if (manager === undefined) {
    manager = { families: new Map(), mediaFiles: new Map(), embeddedKey: 'items' }
    managers.set(state, manager)
  }
  return manager
}

export function assetAttribute (code: string, type: FakeAssetAttributeType, extra: Partial<FakeAssetAttribute> = {}): FakeAssetAttribute {
  return { code, type, value_per_locale: false, value_per_channel: false, prefix: null, suffix: null, media_type: null, allowed_extensions: [], options: [], ...extra }
}

export function addAssetFamily (state: FakeAkeneoState, code: string, mainMedia: string | null, attributes: FakeAssetAttribute[]): FakeAssetFamily {
  const family: FakeAssetFamily = {
    code,
    labels: { en_US: code },
    attribute_as_main_media: mainMedia,
    naming_convention: {},
    product_link_rules: [],
    transformations: [],
    attributes: new Map(attributes.map((a) => [a.code, a])),
    assets: new Map()
  }
  assetManagerOf(state).families.set(code, family)
  return family
}

/** Puts an asset straight into the state (no validation), e.g. to seed a full page. */
export function addAsset (state: FakeAkeneoState, family: string, code: string, values: FakeAssetValues = {}, updated = Date.now()): FakeAsset {
  const asset: FakeAsset = { code, values, created: updated, updated }
  assetManagerOf(state).families.get(family)?.assets.set(code, asset)
  return asset
}
