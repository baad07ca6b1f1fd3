import { randomUUID } from 'node:crypto'
import { AkeneoHttpError, validationFailed, type FakeValidationError } from './errors.js'
import { findProductByIdentifier, rightOn, type FakeAkeneoState, type FakeProduct, type FakeProductModel, type FakeValues } from './state.js'
import { mergeValues, readValues, validateValues } from './values.js'

const READ_ONLY = new Set(['_links', 'created', 'updated', 'metadata', 'quality_scores', 'completenesses'])
const PRODUCT_KEYS = new Set(['uuid', 'identifier', 'family', 'parent', 'categories', 'enabled', 'values', 'groups', 'associations', 'quantified_associations'])
const MODEL_KEYS = new Set(['code', 'family', 'family_variant', 'parent', 'categories', 'values', 'associations', 'quantified_associations'])

/** `changed` false: the PATCH left everything as it was, so nothing was saved (see `sameValues`). */
export interface PatchResult<T> { status: 201 | 204, entity: T, changed: boolean }
export type ProductTarget = { uuid: string } | { identifier: string }

function checkKeys (body: Record<string, unknown>, allowed: Set<string>): void {
  for (const key of Object.keys(body)) {
    if (!allowed.has(key) && !READ_ONLY.has(key)) {
      throw new AkeneoHttpError(422, `Property "${key}" does not exist. Check the expected format on the API documentation.`)
    }
  }
}

export function asObject (body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new AkeneoHttpError(400, 'Invalid json message received')
  return body as Record<string, unknown>
}

/** Which attributes a product may carry: its family's, minus those owned by its product model. */
function productAttributeSet (state: FakeAkeneoState, family: string | null, parent: string | null): Set<string> | null {
  if (family === null) return null
  const fam = state.families.get(family)
  const set = new Set(fam?.attributes ?? [])
  set.add(state.identifierAttribute)
  const model = parent === null ? undefined : state.productModels.get(parent)
  const modelAttributes = model === undefined ? [] : fam?.variants[model.family_variant]?.modelAttributes ?? []
  for (const code of modelAttributes) set.delete(code)
  return set
}

/**
 * EE rights on an existing entity: `view` → 403; `edit` without `own` → the values go into the
 * user's draft and the answer is the same 2xx, with nothing saved (no `updated`, no event).
 */
function draftInstead<T extends FakeProduct | FakeProductModel> (state: FakeAkeneoState, key: string, existing: T, values: FakeValues): PatchResult<T> | null {
  const right = rightOn(state, key)
  if (right === 'view') throw new AkeneoHttpError(403, 'You only have a view permission on this entity. You cannot update it.')
  if (right === 'own') return null
  state.drafts.set(key, mergeValues(state.drafts.get(key) ?? existing.values, values))
  return { status: 204, entity: existing, changed: false }
}

export function patchProduct (state: FakeAkeneoState, target: ProductTarget, rawBody: unknown, pendingMedia?: Set<string>): PatchResult<FakeProduct> {
  const body = asObject(rawBody)
  checkKeys(body, PRODUCT_KEYS)
  const existing = 'uuid' in target ? state.products.get(target.uuid) : findProductByIdentifier(state, target.identifier)
  if ('uuid' in target && body.uuid !== undefined && body.uuid !== target.uuid) {
    throw new AkeneoHttpError(422, `The uuid "${String(body.uuid)}" provided in the request body must match the uuid "${target.uuid}" provided in the url.`)
  }
  if ('identifier' in target && body.identifier !== undefined && body.identifier !== target.identifier) {
    throw new AkeneoHttpError(422, `The identifier "${String(body.identifier)}" provided in the request body must match the identifier "${target.identifier}" provided in the url.`)
  }
  const errors: FakeValidationError[] = []
  const parent = body.parent !== undefined ? body.parent as string | null : existing?.parent ?? null
  const model = parent === null ? undefined : state.productModels.get(parent)
  if (parent !== null && model === undefined) errors.push({ property: 'parent', message: `Property "parent" expects a valid parent code. The parent product model does not exist, "${parent}" given.` })
  let family = body.family !== undefined ? body.family as string | null : existing?.family ?? model?.family ?? null
  if (family === null && model !== undefined) family = model.family
  if (family !== null && !state.families.has(family)) errors.push({ property: 'family', message: `Property "family" expects a valid family code. The family does not exist, "${family}" given.` })
  if (errors.length > 0) throw validationFailed(errors)

  const values = readValues(body.values)
  if ('identifier' in target) values[state.identifierAttribute] = [{ locale: null, scope: null, data: target.identifier }]
  errors.push(...validateValues({ state, attributeSet: productAttributeSet(state, family, parent), pendingMedia }, values))
  const newIdentifier = values[state.identifierAttribute]?.[0]?.data
  const owner = typeof newIdentifier === 'string' ? findProductByIdentifier(state, newIdentifier) : undefined
  if (owner !== undefined && owner !== existing) {
    errors.push({ property: 'identifier', message: 'The same identifier is already set on another product', attribute: state.identifierAttribute, locale: null, scope: null })
  }
  if (errors.length > 0) throw validationFailed(errors)

  const now = Date.now()
  const product: FakeProduct = {
    uuid: existing?.uuid ?? ('uuid' in target ? target.uuid : randomUUID()),
    family,
    parent,
    categories: Array.isArray(body.categories) ? body.categories as string[] : existing?.categories ?? [],
    enabled: typeof body.enabled === 'boolean' ? body.enabled : existing?.enabled ?? true,
    values: mergeValues(existing?.values ?? {}, values),
    created: existing?.created ?? now,
    updated: now
  }
  const draft = existing === undefined ? null : draftInstead(state, `product:${existing.uuid}`, existing, values)
  if (draft !== null) return draft
  if (existing !== undefined && existing.family === product.family && existing.parent === product.parent &&
    existing.enabled === product.enabled && sameList(existing.categories, product.categories) && sameValues(state, existing.values, product.values)) {
    return { status: 204, entity: existing, changed: false }
  }
  state.products.set(product.uuid, product)
  return { status: existing === undefined ? 201 : 204, entity: product, changed: true }
}

export function patchProductModel (state: FakeAkeneoState, code: string, rawBody: unknown, pendingMedia?: Set<string>): PatchResult<FakeProductModel> {
  const body = asObject(rawBody)
  checkKeys(body, MODEL_KEYS)
  if (body.code !== undefined && body.code !== code) {
    throw new AkeneoHttpError(422, `The code "${String(body.code)}" provided in the request body must match the code "${code}" provided in the url.`)
  }
  const existing = state.productModels.get(code)
  const variantCode = existing?.family_variant ?? body.family_variant
  const family = existing?.family ?? (typeof body.family === 'string' ? body.family : [...state.families.values()].find(f => typeof variantCode === 'string' && variantCode in f.variants)?.code)
  const variant = family === undefined || typeof variantCode !== 'string' ? undefined : state.families.get(family)?.variants[variantCode]
  if (variant === undefined) {
    throw validationFailed([{ property: 'family_variant', message: `Property "family_variant" expects a valid family variant code. The family variant does not exist, "${String(variantCode)}" given.` }])
  }
  const parent = body.parent !== undefined ? body.parent as string | null : existing?.parent ?? null
  if (parent !== null && !state.productModels.has(parent)) {
    throw validationFailed([{ property: 'parent', message: `The product model "${parent}" does not exist.` }])
  }
  const values = readValues(body.values)
  const errors = validateValues({ state, attributeSet: new Set(variant.modelAttributes), pendingMedia }, values)
  if (errors.length > 0) throw validationFailed(errors)
  const now = Date.now()
  const model: FakeProductModel = {
    code,
    family: family as string,
    family_variant: variantCode as string,
    parent,
    categories: Array.isArray(body.categories) ? body.categories as string[] : existing?.categories ?? [],
    values: mergeValues(existing?.values ?? {}, values),
    created: existing?.created ?? now,
    updated: now
  }
  const draft = existing === undefined ? null : draftInstead(state, `product_model:${code}`, existing, values)
  if (draft !== null) return draft
  if (existing !== undefined && existing.parent === model.parent && sameList(existing.categories, model.categories) &&
    sameValues(state, existing.values, model.values)) {
    return { status: 204, entity: existing, changed: false }
  }
  state.productModels.set(code, model)
  return { status: existing === undefined ? 201 : 204, entity: model, changed: true }
}


const sameList = (a: readonly string[], b: readonly string[]): boolean => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort())

/**
 * Whether a PATCH changed no value. Akeneo compares values the way its value objects do:
 * per attribute and (locale, scope), multi-select options as a set; an entity with no
 * change is not saved, so `updated` stays and no event is sent.
 */
function sameValues (state: FakeAkeneoState, before: FakeValues, after: FakeValues): boolean {
  const canonical = (values: FakeValues): string => JSON.stringify(Object.keys(values).sort().map((code) => {
    const multi = state.attributes.get(code)?.type === 'pim_catalog_multiselect'
    const list = (values[code] ?? []).map((v) => ({
      key: `${String(v.locale)}|${String(v.scope)}`,
      data: multi && Array.isArray(v.data) ? [...(v.data as unknown[])].map(String).sort() : v.data
    })).sort((a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
    return [code, list]
  }))
  return canonical(before) === canonical(after)
}
