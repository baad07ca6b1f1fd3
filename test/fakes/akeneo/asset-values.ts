import { extname } from 'node:path'
import { AkeneoHttpError, type FakeValidationError } from './errors.js'
import { assetManagerOf, type FakeAssetAttribute, type FakeAssetFamily, type FakeAssetValue, type FakeAssetValues } from './asset-state.js'
import type { FakeAkeneoState } from './state.js'

const READ_ONLY = new Set(['_links', 'linked_data', 'attribute_type'])
// pim-api-docs asset filter: ISO 8601 with `Z` or an offset; the product format is refused.
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/
const NUMBER = /^-?\d+(\.\d+)?$/

/** Reads asset `values`: each value has `locale`, `channel` and `data` — `scope` is a product key and refused. */
export function readAssetValues (raw: unknown): FakeAssetValues {
  if (raw === undefined) return {}
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new AkeneoHttpError(422, 'Property "values" expects an object as data.')
  const values: FakeAssetValues = {}
  for (const [attribute, list] of Object.entries(raw)) {
    if (!Array.isArray(list)) throw new AkeneoHttpError(422, `Property "${attribute}" expects an array of values.`)
    values[attribute] = list.map((item: Record<string, unknown>) => {
      if (item === null || typeof item !== 'object') throw new AkeneoHttpError(422, `Property "${attribute}" expects an array of objects.`)
      const unknown = Object.keys(item).filter((key) => !['locale', 'channel', 'data'].includes(key) && !READ_ONLY.has(key))
      if (unknown.length > 0) {
        throw new AkeneoHttpError(422, `Property "${unknown[0] as string}" does not exist for the values of "${attribute}": asset values take "locale", "channel" and "data".`)
      }
      if (!('data' in item) || !('locale' in item) || !('channel' in item)) {
        throw new AkeneoHttpError(422, `Property "${attribute}" expects an array with the keys "locale", "channel" and "data".`)
      }
      return { locale: item.locale as string | null, channel: item.channel as string | null, data: item.data }
    })
  }
  return values
}

function scopeProblem (state: FakeAkeneoState, a: FakeAssetAttribute, v: FakeAssetValue): string | null {
  if (a.value_per_locale && v.locale === null) return `The "${a.code}" attribute has a value per locale: a locale is expected.`
  if (!a.value_per_locale && v.locale !== null) return `The "${a.code}" attribute has no value per locale, "${String(v.locale)}" was given.`
  if (v.locale !== null && (typeof v.locale !== 'string' || !state.locales.includes(v.locale))) return `The locale "${String(v.locale)}" does not exist.`
  if (a.value_per_channel && v.channel === null) return `The "${a.code}" attribute has a value per channel: a channel is expected.`
  if (!a.value_per_channel && v.channel !== null) return `The "${a.code}" attribute has no value per channel, "${String(v.channel)}" was given.`
  if (v.channel !== null && (typeof v.channel !== 'string' || !state.channels.includes(v.channel))) return `The channel "${String(v.channel)}" does not exist.`
  return null
}

function dataProblem (state: FakeAkeneoState, a: FakeAssetAttribute, data: unknown): string | null {
  if (data === null) return null
  const text = typeof data === 'string'
  switch (a.type) {
    case 'text':
    case 'media_link':
      return text ? null : `The "${a.code}" attribute expects a string.`
    case 'number':
      // Asset numbers are strings ("1"); a JSON number is refused.
      return text && NUMBER.test(data) ? null : `The "${a.code}" attribute expects a number given as a string.`
    case 'boolean':
      return typeof data === 'boolean' ? null : `The "${a.code}" attribute expects a boolean.`
    case 'date':
      return text && ISO_DATE.test(data) ? null : `The "${a.code}" attribute expects an ISO 8601 date.`
    case 'single_option':
      return text && a.options.includes(data) ? null : `The option "${String(data)}" does not exist for the "${a.code}" attribute.`
    case 'multiple_options':
      return Array.isArray(data) && data.every((o) => typeof o === 'string' && a.options.includes(o)) ? null : `The "${a.code}" attribute expects existing option codes.`
    case 'media_file': {
      const file = text ? assetManagerOf(state).mediaFiles.get(data) : undefined
      if (file === undefined) return `The asset media file "${String(data)}" does not exist.`
      const extension = extname(file.original_filename).slice(1).toLowerCase()
      return a.allowed_extensions.length === 0 || a.allowed_extensions.includes(extension) ? null : `The ${extension} file extension is not allowed for the "${a.code}" attribute.`
    }
  }
}

export function validateAssetValues (state: FakeAkeneoState, family: FakeAssetFamily, values: FakeAssetValues): FakeValidationError[] {
  const errors: FakeValidationError[] = []
  for (const [code, list] of Object.entries(values)) {
    const attribute = family.attributes.get(code)
    if (attribute === undefined) {
      errors.push({ property: 'values', message: `The "${code}" attribute does not exist in the "${family.code}" asset family.`, attribute: code })
      continue
    }
    for (const value of list) {
      const message = scopeProblem(state, attribute, value) ?? dataProblem(state, attribute, value.data)
      if (message !== null) errors.push({ property: 'values', message, attribute: code, locale: value.locale })
    }
  }
  return errors
}

/** PATCH merges per attribute and (locale, channel); `data: null` erases that value. */
export function mergeAssetValues (current: FakeAssetValues, patch: FakeAssetValues): FakeAssetValues {
  const merged = structuredClone(current)
  for (const [code, list] of Object.entries(patch)) {
    let kept = merged[code] ?? []
    for (const value of list) {
      kept = [...kept.filter((v) => v.locale !== value.locale || v.channel !== value.channel), ...(value.data === null ? [] : [structuredClone(value)])]
    }
    if (kept.length > 0) merged[code] = kept
    else delete merged[code]
  }
  return merged
}
