import { ASSET_FIELD_SOURCES } from '../config/mapping-schema.js'
import { assetCodeFor } from './asset-code.js'
import type {
  AssetAttributeMeta, AssetFamilyMeta, AssetValue, AssetValueProblem, AssetValueProblemCode, AssetValues, AssetValuesMapping, ValuesAsset
} from './asset-family-types.js'
import { assetValueData, mediaLinkData, sameAssetData, type DataResult } from './asset-value-data.js'
import { linkSource } from './link-source.js'

export interface AssetValuesInput {
  asset: ValuesAsset
  family: AssetFamilyMeta
  mapping: AssetValuesMapping
  /** The Akeneo asset's values now (read-only keys are ignored); null when it does not exist. */
  current: AssetValues | null
  /**
   * media_file main media: the asset media file that already holds this version of the
   * file (known from the registry, or just uploaded). Null: `upload` says what to upload;
   * plan again with its code, so the asset is still written once.
   */
  mediaFileCode: string | null
}

export interface AssetValuesPlan {
  /** Undefined when the Bynder id cannot make an asset code (then nothing else is planned). */
  code: string | undefined
  /** Only the values that differ from `current` (all of them for a new asset). */
  values: AssetValues
  /** Whether to PATCH the asset: it does not exist yet, or a value differs. */
  write: boolean
  upload: { source: string, url: string | null } | null
  problems: AssetValueProblem[]
}

interface Planned { attribute: AssetAttributeMeta, value: AssetValue }

// The link planner's sources, by what the main media takes: a URL that lasts, or a file.
const SOURCE_TYPE = { media_link: 'pim_catalog_text', media_file: 'pim_catalog_file' } as const
const SOURCE_PROBLEM: Record<string, AssetValueProblemCode> = {
  derivative_missing: 'derivative_missing', original_not_public_for_text: 'original_not_public', original_url_missing: 'original_url_missing'
}

/**
 * The Akeneo asset for a Bynder asset in `family`: its main media (a media_link to the
 * derivative of `derivative_to_use`, or a media_file code) and the attributes of
 * `asset_family_attribute_mappings`, diffed against `current` so only what differs is
 * written. A problem leaves its attribute out and the rest is still planned.
 */
export function planAssetValues (input: AssetValuesInput): AssetValuesPlan {
  const { asset, family } = input
  const code = assetCodeFor(asset.id)
  const problems: AssetValueProblem[] = []
  const problem = (kind: AssetValueProblemCode, message: string, mappingKey: string, attribute?: string): void => {
    problems.push({ code: kind, assetId: asset.id, message: `asset ${asset.id}: ${message}`, mappingKey, ...(attribute === undefined ? {} : { attribute }) })
  }
  if (code === undefined) {
    problem('invalid_bynder_id', `id "${asset.id}" cannot be turned into an Akeneo asset code`, 'asset id')
    return { code, values: {}, write: false, upload: null, problems }
  }
  const planned: Planned[] = []
  const place = (attribute: AssetAttributeMeta, result: DataResult, mappingKey: string): void => {
    if (!result.ok) {
      problem(result.unsupported === true ? 'unsupported_asset_attribute_type' : 'invalid_value', `${family.code}.${attribute.code}: ${result.reason}`, mappingKey, attribute.code)
      return
    }
    const where = scopeOf(input.mapping, family.code, attribute)
    if (typeof where === 'string') {
      problem(where === 'locale' ? 'locale_required' : 'channel_required', `${family.code}.${attribute.code} has a value per ${where}, and the mapping names none`,
        `asset_family_attribute_${where}_mappings.${family.code}.${attribute.code}`, attribute.code)
      return
    }
    planned.push({ attribute, value: { ...where, data: result.data } })
  }

  const upload = planMainMedia(input, place, problem)
  for (const [attributeCode, source] of Object.entries(input.mapping.asset_family_attribute_mappings?.[family.code] ?? {})) {
    const mappingKey = `asset_family_attribute_mappings.${family.code}.${attributeCode}`
    const attribute = family.attributes.get(attributeCode)
    if (attribute === undefined) { problem('asset_attribute_missing', `asset family ${family.code} has no attribute ${attributeCode}`, mappingKey, attributeCode); continue }
    if (attributeCode === family.attributeAsMainMedia) { problem('main_media_mapped', `${attributeCode} is the main media of ${family.code}, written from the Bynder file`, mappingKey, attributeCode); continue }
    place(attribute, assetValueData(attribute, sourceValues(asset, source)), mappingKey)
  }

  const values = diffAssetValues(input.current ?? {}, planned)
  return { code, values, write: input.current === null || Object.keys(values).length > 0, upload, problems }
}

function planMainMedia (input: AssetValuesInput, place: (a: AssetAttributeMeta, r: DataResult, key: string) => void,
  problem: (kind: AssetValueProblemCode, message: string, key: string, attribute?: string) => void): AssetValuesPlan['upload'] {
  const { family } = input
  const main = family.attributeAsMainMedia === null ? undefined : family.attributes.get(family.attributeAsMainMedia)
  if (main === undefined) { problem('main_media_missing', `asset family ${family.code} has no main media attribute`, `asset family ${family.code}`); return null }
  if (main.type !== 'media_link' && main.type !== 'media_file') {
    problem('main_media_unsupported', `the main media ${main.code} of ${family.code} is a ${main.type}, not a media_link or media_file`, `asset family ${family.code}`, main.code)
    return null
  }
  const source = linkSource(input.asset, SOURCE_TYPE[main.type], input.mapping.derivative_to_use)
  if (!source.ok) {
    const reason = main.type === 'media_link' ? source.reason.replace(/a pim_catalog_text attribute/, 'a media_link') : source.reason
    problem(SOURCE_PROBLEM[source.code] ?? 'invalid_value', `${family.code}.${main.code}: ${reason}`, 'derivative_to_use', main.code)
    return null
  }
  if (main.type === 'media_link') {
    place(main, mediaLinkData(main, source.url as string), `asset family ${family.code}`)
    return null
  }
  if (input.mediaFileCode === null) return { source: source.source, url: source.url }
  place(main, { ok: true, data: input.mediaFileCode }, 'derivative_to_use')
  return null
}

/** The (locale, channel) the value goes to, or which of the two the mapping lacks. */
function scopeOf (mapping: AssetValuesMapping, family: string, attribute: AssetAttributeMeta): { locale: string | null, channel: string | null } | 'locale' | 'channel' {
  const locale = attribute.valuePerLocale ? mapping.asset_family_attribute_locale_mappings?.[family]?.[attribute.code] : null
  if (locale === undefined) return 'locale'
  const channel = attribute.valuePerChannel ? mapping.asset_family_attribute_channel_mappings?.[family]?.[attribute.code] : null
  if (channel === undefined) return 'channel'
  return { locale, channel }
}

function sourceValues (asset: ValuesAsset, source: string): string[] {
  const raw = (ASSET_FIELD_SOURCES as readonly string[]).includes(source)
    ? [asset[source as typeof ASSET_FIELD_SOURCES[number]]]
    : asset.properties[source] ?? []
  return raw.filter((value): value is string => typeof value === 'string').map((value) => value.trim()).filter((value) => value !== '')
}

/** The planned values that differ from `current` (null and absent are the same). */
export function diffAssetValues (current: AssetValues, planned: ReadonlyArray<{ attribute: Pick<AssetAttributeMeta, 'code' | 'type'>, value: AssetValue }>): AssetValues {
  const patch: AssetValues = {}
  for (const { attribute, value } of planned) {
    const now = current[attribute.code]?.find((v) => v.locale === value.locale && v.channel === value.channel)
    if (sameAssetData(attribute.type, now?.data, value.data)) continue
    ;(patch[attribute.code] ??= []).push(value)
  }
  return patch
}
