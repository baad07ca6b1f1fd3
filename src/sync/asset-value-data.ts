import { AKENEO_CODE_PATTERN } from '../config/mapping-schema.js'
import type { AssetAttributeMeta } from './asset-family-types.js'

export type DataResult = { ok: true, data: unknown } | { ok: false, reason: string, unsupported?: true }

/** The asset attribute types a Bynder value can be written to (`assetValueData`). */
export const ASSET_VALUE_TYPES = ['text', 'media_link', 'number', 'boolean', 'date', 'single_option', 'multiple_options'] as const

const TRUE = new Set(['true', '1', 'yes'])
const FALSE = new Set(['false', '0', 'no'])
const NUMBER = /^-?\d+(\.\d+)?$/

/** Akeneo shows asset dates as ISO 8601 with an offset: `2023-03-01T00:00:00+00:00`. */
export function assetDate (ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00')
}

/** A media_link value is the URL without the attribute's prefix and suffix (Akeneo adds them back). */
export function mediaLinkData (attribute: Pick<AssetAttributeMeta, 'prefix' | 'suffix'>, url: string): DataResult {
  const prefix = attribute.prefix ?? ''
  const suffix = attribute.suffix ?? ''
  if (!url.startsWith(prefix) || !url.endsWith(suffix) || url.length < prefix.length + suffix.length) {
    return { ok: false, reason: `the URL ${url} does not fit the attribute's prefix "${prefix}" and suffix "${suffix}"` }
  }
  return { ok: true, data: url.slice(prefix.length, url.length - suffix.length) }
}

function single (values: readonly string[], convert: (value: string) => DataResult): DataResult {
  if (values.length === 0) return { ok: true, data: null }
  if (values.length > 1) return { ok: false, reason: `takes one value, Bynder has ${values.length} (${values.join(', ')})` }
  return convert(values[0] as string)
}

function optionCode (attribute: AssetAttributeMeta, value: string): DataResult {
  if (!AKENEO_CODE_PATTERN.test(value)) return { ok: false, reason: `"${value}" cannot be an option code (letters, digits and underscores only)` }
  if (attribute.options !== undefined && !attribute.options.includes(value)) return { ok: false, reason: `option "${value}" does not exist in Akeneo` }
  return { ok: true, data: value }
}

/**
 * The asset value `data` for Bynder's values (already trimmed of empties) by asset
 * attribute type (pim-api-docs "The data format"). No value → null, which erases the
 * Akeneo value: Bynder is the source of these attributes.
 */
export function assetValueData (attribute: AssetAttributeMeta, values: readonly string[]): DataResult {
  switch (attribute.type) {
    case 'text':
      return { ok: true, data: values.length === 0 ? null : values.join(', ') }
    case 'media_link':
      return single(values, (value) => mediaLinkData(attribute, value))
    case 'number':
      return single(values, (value) => NUMBER.test(value) ? { ok: true, data: value } : { ok: false, reason: `"${value}" is not a number` })
    case 'boolean':
      return single(values, (value) => {
        const lower = value.toLowerCase()
        return TRUE.has(lower) ? { ok: true, data: true } : FALSE.has(lower) ? { ok: true, data: false } : { ok: false, reason: `"${value}" is not a boolean` }
      })
    case 'date':
      return single(values, (value) => {
        const ms = Date.parse(value)
        return Number.isNaN(ms) ? { ok: false, reason: `"${value}" is not a date` } : { ok: true, data: assetDate(ms) }
      })
    case 'single_option':
      return single(values, (value) => optionCode(attribute, value))
    case 'multiple_options': {
      if (values.length === 0) return { ok: true, data: null }
      const codes: string[] = []
      for (const value of [...new Set(values)]) {
        const result = optionCode(attribute, value)
        if (!result.ok) return result
        codes.push(value)
      }
      return { ok: true, data: codes }
    }
    default:
      return { ok: false, reason: `its type ${attribute.type} cannot take a Bynder value (${ASSET_VALUE_TYPES.join(', ')})`, unsupported: true }
  }
}

/** Whether two `data` are the same value for Akeneo: options as a set, dates as an instant. */
export function sameAssetData (type: string, a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null)
  if (type === 'multiple_options' && Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && [...a].map(String).sort().join('\u0000') === [...b].map(String).sort().join('\u0000')
  }
  if (type === 'date' && typeof a === 'string' && typeof b === 'string') return Date.parse(a) === Date.parse(b)
  if (type === 'number' && (typeof a === 'string' || typeof a === 'number') && (typeof b === 'string' || typeof b === 'number')) return Number(a) === Number(b)
  return JSON.stringify(a) === JSON.stringify(b)
}
