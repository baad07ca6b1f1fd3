import { checkAssetCollection } from './asset-collection-values.js'
import { AkeneoHttpError, type FakeValidationError } from './errors.js'
import type { FakeAkeneoState, FakeAttribute, FakeValue, FakeValues } from './state.js'

export interface ValueContext {
  state: FakeAkeneoState
  /** Attributes this entity may carry; null = any (a product without family). */
  attributeSet: Set<string> | null
  /** Media codes being uploaded in the same call, valid before they are stored. */
  pendingMedia?: Set<string>
}

/** Reads a `values` body, ignoring read-only keys (`_links`, `linked_data`, `attribute_type`). */
export function readValues (raw: unknown): FakeValues {
  if (raw === undefined) return {}
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new AkeneoHttpError(422, 'Property "values" expects an array as data, "' + typeof raw + '" given.')
  }
  const values: FakeValues = {}
  for (const [attribute, list] of Object.entries(raw)) {
    if (!Array.isArray(list)) throw new AkeneoHttpError(422, `Property "${attribute}" expects an array of values.`)
    values[attribute] = list.map((item: Record<string, unknown>) => {
      if (item === null || typeof item !== 'object' || !('data' in item) || !('locale' in item) || !('scope' in item)) {
        throw new AkeneoHttpError(422, `Property "${attribute}" expects an array with the keys "locale", "scope" and "data".`)
      }
      return { locale: item.locale as string | null, scope: item.scope as string | null, data: item.data }
    })
  }
  return values
}

export function validateValues (ctx: ValueContext, values: FakeValues): FakeValidationError[] {
  const errors: FakeValidationError[] = []
  for (const [code, list] of Object.entries(values)) {
    const attribute = ctx.state.attributes.get(code)
    if (attribute === undefined) {
      errors.push({ property: 'values', message: `The ${code} attribute does not exist in your PIM.`, attribute: code, locale: null, scope: null })
      continue
    }
    if (ctx.attributeSet !== null && !ctx.attributeSet.has(code)) {
      errors.push({ property: 'attribute', message: `Cannot set the property "${code}" to this entity as it is not in the attribute set`, attribute: code, locale: null, scope: null })
      continue
    }
    for (const value of list) {
      const message = checkChannelAndLocale(ctx.state, attribute, value) ?? checkData(ctx, attribute, value)
      if (message !== null) errors.push({ property: 'values', message, attribute: code, locale: value.locale, scope: value.scope })
    }
  }
  return errors
}

function checkChannelAndLocale (state: FakeAkeneoState, attribute: FakeAttribute, value: FakeValue): string | null {
  const { code } = attribute
  if (attribute.localizable && value.locale === null) return `The ${code} attribute requires a locale.`
  if (!attribute.localizable && value.locale !== null) return `The ${code} attribute does not require a locale, "${String(value.locale)}" was detected.`
  if (value.locale !== null) {
    const allowed = attribute.available_locales.length > 0 ? attribute.available_locales : state.locales
    if (typeof value.locale !== 'string' || !allowed.includes(value.locale)) return `The ${code} attribute requires a valid locale. The "${String(value.locale)}" locale does not exist.`
  }
  if (attribute.scopable && value.scope === null) return `The ${code} attribute requires a scope.`
  if (!attribute.scopable && value.scope !== null) return `The ${code} attribute does not require a scope, "${String(value.scope)}" was detected.`
  if (value.scope !== null && (typeof value.scope !== 'string' || !state.channels.includes(value.scope))) {
    return `The ${code} attribute requires a valid scope. The "${String(value.scope)}" scope does not exist.`
  }
  return null
}

function checkData (ctx: ValueContext, attribute: FakeAttribute, value: FakeValue): string | null {
  const { data } = value
  const { code } = attribute
  if (data === null) return null
  const optionExists = (option: unknown): boolean => attribute.options.some(o => o.code === option)
  switch (attribute.type) {
    case 'pim_catalog_identifier':
    case 'pim_catalog_text':
    case 'pim_catalog_textarea':
    case 'pim_catalog_date':
      return typeof data === 'string' ? null : `Property "${code}" expects a string as data, "${typeof data}" given.`
    case 'pim_catalog_simpleselect':
      return optionExists(data) ? null : `Property "${code}" expects a valid option code. The option "${String(data)}" does not exist.`
    case 'pim_catalog_multiselect':
      if (!Array.isArray(data)) return `Property "${code}" expects an array as data.`
      return data.every(optionExists) ? null : `Property "${code}" expects valid option codes. Some options do not exist.`
    case 'pim_catalog_image':
    case 'pim_catalog_file':
      if (typeof data === 'string' && (ctx.state.mediaFiles.has(data) || ctx.pendingMedia?.has(data) === true)) return null
      return `Property "${code}" expects a valid file path as data. The file "${String(data)}" does not exist.`
    case 'pim_catalog_number':
      return typeof data === 'number' || (typeof data === 'string' && /^-?\d+(\.\d+)?$/.test(data)) ? null : `Property "${code}" expects a number as data.`
    case 'pim_catalog_boolean':
      return typeof data === 'boolean' ? null : `Property "${code}" expects a boolean as data.`
    case 'pim_catalog_asset_collection':
      return checkAssetCollection(ctx.state, attribute, data)
  }
}

/** Akeneo's PATCH: merge per attribute and per (locale, scope); `data: null` erases. */
export function mergeValues (current: FakeValues, patch: FakeValues): FakeValues {
  const merged: FakeValues = structuredClone(current)
  for (const [code, list] of Object.entries(patch)) {
    let existing = merged[code] ?? []
    for (const value of list) {
      existing = existing.filter(v => v.locale !== value.locale || v.scope !== value.scope)
      if (value.data !== null) existing.push(structuredClone(value))
    }
    if (existing.length > 0) merged[code] = existing
    else delete merged[code]
  }
  return merged
}
