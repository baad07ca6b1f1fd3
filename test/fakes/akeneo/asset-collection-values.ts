import { assetManagerOf } from './asset-state.js'
import type { FakeAkeneoState, FakeAttribute } from './state.js'

/**
 * A product value of a `pim_catalog_asset_collection` attribute: an ordered array of codes
 * of existing assets of the attribute's family (`reference_data_name`). A PATCH replaces
 * the whole array (values.ts merges per locale/scope, arrays replace). Returns the 422
 * message, or null when the value is valid.
 */
export function checkAssetCollection (state: FakeAkeneoState, attribute: FakeAttribute, data: unknown): string | null {
  const code = attribute.code
  if (!Array.isArray(data) || !data.every((item) => typeof item === 'string')) return `Property "${code}" expects an array of asset codes as data.`
  const family = attribute.reference_data_name === undefined ? undefined : assetManagerOf(state).families.get(attribute.reference_data_name)
  if (family === undefined) return `The asset family "${String(attribute.reference_data_name)}" of the "${code}" attribute does not exist.`
  // Assumption (stricter side): a code listed twice is refused rather than deduplicated.
  if (new Set(data).size !== data.length) return `Property "${code}" expects each asset code only once.`
  const missing = data.filter((asset) => !family.assets.has(asset))
  if (missing.length > 0) return `Property "${code}" expects existing asset codes of the "${family.code}" asset family. The following assets do not exist: ${missing.join(', ')}.`
  return null
}
