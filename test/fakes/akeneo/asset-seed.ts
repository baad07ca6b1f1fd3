import { addAssetFamily, assetAttribute } from './asset-state.js'
import type { FakeAkeneoState, FakeAttribute } from './state.js'

const collection = (code: string, family: string): FakeAttribute => ({
  code, type: 'pim_catalog_asset_collection', localizable: false, scopable: false, available_locales: [], allowed_extensions: [], options: [], reference_data_name: family
})

/**
 * On demand (not in the default seed, so other tests see the catalog they know): two asset
 * families — `packshots`, whose main media is a media_link, and `manuals`, whose main
 * media is a media_file — and two asset-collection product attributes on the seeded
 * families: `packshots_collection` (on the accessories products and the clothing model)
 * and `manuals_collection` (accessories).
 */
export function seedAssetFamilies (state: FakeAkeneoState, options: { mediaLinkPrefix?: string | null } = {}): void {
  addAssetFamily(state, 'packshots', 'media', [
    assetAttribute('media', 'media_link', { media_type: 'image', prefix: options.mediaLinkPrefix ?? null }),
    assetAttribute('title', 'text'),
    assetAttribute('alt_text', 'text', { value_per_locale: true }),
    assetAttribute('caption', 'text', { value_per_channel: true }),
    assetAttribute('usage', 'single_option', { options: ['web', 'print'] }),
    assetAttribute('colors', 'multiple_options', { options: ['red', 'white', 'blue'] })
  ])
  addAssetFamily(state, 'manuals', 'file', [
    assetAttribute('file', 'media_file', { media_type: 'pdf', allowed_extensions: ['pdf', 'png', 'jpg'] }),
    assetAttribute('title', 'text')
  ])
  for (const attribute of [collection('packshots_collection', 'packshots'), collection('manuals_collection', 'manuals')]) state.attributes.set(attribute.code, attribute)
  state.families.get('accessories')?.attributes.push('packshots_collection', 'manuals_collection')
  const clothing = state.families.get('clothing')
  if (clothing !== undefined) {
    clothing.attributes.push('packshots_collection')
    clothing.variants.clothing_by_color?.modelAttributes.push('packshots_collection')
  }
}
