import { asObject } from './entities.js'
import { AkeneoHttpError, notFound, validationFailed } from './errors.js'
import { assetManagerOf, type FakeAsset, type FakeAssetFamily, type FakeAssetValues } from './asset-state.js'
import { mergeAssetValues, readAssetValues, validateAssetValues } from './asset-values.js'
import type { FakeAkeneoState } from './state.js'

const ASSET_KEYS = new Set(['code', 'values', 'asset_family_code', '_links', 'created', 'updated'])
// Akeneo's code rule; the exact length limit is unconfirmed (akeneo-api.md), 255 assumed.
const CODE = /^[A-Za-z0-9_]{1,255}$/

/** The family named in the URL, exactly: family codes are case-sensitive. */
export function findAssetFamily (state: FakeAkeneoState, code: string): FakeAssetFamily {
  const family = assetManagerOf(state).families.get(code)
  if (family === undefined) throw notFound(`Asset family "${code}" does not exist.`)
  return family
}

/**
 * Assumption, stricter side: Akeneo's DAM guide says an asset code must be unique among
 * all assets whatever their family, and codes are likely compared without case (MySQL
 * collation) — so a code taken in another family, or differing only in case, is refused.
 */
function codeTakenElsewhere (state: FakeAkeneoState, family: FakeAssetFamily, code: string): boolean {
  const lower = code.toLowerCase()
  for (const other of assetManagerOf(state).families.values()) {
    for (const existing of other.assets.keys()) {
      if (existing.toLowerCase() === lower && (other !== family || existing !== code)) return true
    }
  }
  return false
}

const canonical = (values: FakeAssetValues): string => JSON.stringify(Object.keys(values).sort().map((code) =>
  [code, (values[code] ?? []).map((v) => [String(v.locale), String(v.channel), v.data]).sort((a, b) => (a.join() < b.join() ? -1 : 1))]))

/** Single or bulk-line PATCH of one asset: 201 created, 204 updated (or unchanged, then not saved). */
export function upsertAsset (state: FakeAkeneoState, family: FakeAssetFamily, code: string, rawBody: unknown): 201 | 204 {
  const body = asObject(rawBody)
  for (const key of Object.keys(body)) {
    if (!ASSET_KEYS.has(key)) throw new AkeneoHttpError(422, `Property "${key}" does not exist. Check the expected format on the API documentation.`)
  }
  if (body.code !== undefined && body.code !== code) {
    throw new AkeneoHttpError(422, `The code "${String(body.code)}" provided in the request body must match the code "${code}" provided in the url.`)
  }
  const existing = family.assets.get(code)
  if (existing === undefined) {
    if (!CODE.test(code)) throw validationFailed([{ property: 'code', message: 'The asset code may contain only letters, numbers and underscores (255 characters at most).' }])
    if (codeTakenElsewhere(state, family, code)) throw validationFailed([{ property: 'code', message: `An asset with the code "${code}" already exists.` }])
  }
  const values = readAssetValues(body.values)
  const errors = validateAssetValues(state, family, values)
  if (errors.length > 0) throw validationFailed(errors)
  const merged = mergeAssetValues(existing?.values ?? {}, values)
  if (existing !== undefined && canonical(existing.values) === canonical(merged)) return 204
  const now = Date.now()
  const asset: FakeAsset = { code, values: merged, created: existing?.created ?? now, updated: now }
  family.assets.set(code, asset)
  return existing === undefined ? 201 : 204
}
