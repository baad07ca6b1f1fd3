import { hasUuids, productIdentifier, workflowStatus, type FakeAkeneoState, type FakeMediaFile, type FakeProduct, type FakeProductModel, type FakeValues } from './state.js'

/** Akeneo shows `created`/`updated` as ISO 8601 with an offset, e.g. `2026-11-28T10:00:00+00:00`. */
export function isoSeconds (ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00')
}

export function mediaCodePath (code: string): string {
  return code.split('/').map(encodeURIComponent).join('/')
}

export interface ValueView { attributes?: Set<string>, locales?: Set<string> }

/** Read answers add `_links.download.href` to image and file values. */
function showValues (state: FakeAkeneoState, values: FakeValues, view: ValueView): Record<string, unknown> {
  const shown: Record<string, unknown> = {}
  for (const [code, list] of Object.entries(values)) {
    if (view.attributes !== undefined && !view.attributes.has(code)) continue
    const type = state.attributes.get(code)?.type
    const isMedia = type === 'pim_catalog_image' || type === 'pim_catalog_file'
    const kept = list.filter(v => view.locales === undefined || v.locale === null || view.locales.has(v.locale))
    if (kept.length === 0) continue
    shown[code] = kept.map(v => isMedia && typeof v.data === 'string'
      ? { ...v, _links: { download: { href: `${state.baseUrl}/api/rest/v1/media-files/${mediaCodePath(v.data)}/download` } } }
      : { ...v })
  }
  return shown
}

export function showProduct (state: FakeAkeneoState, product: FakeProduct, withIdentifier: boolean, view: ValueView = {}): Record<string, unknown> {
  const identifier = productIdentifier(state, product)
  const self = withIdentifier ? `products/${encodeURIComponent(identifier ?? '')}` : `products-uuid/${product.uuid}`
  return {
    _links: { self: { href: `${state.baseUrl}/api/rest/v1/${self}` } },
    ...(hasUuids(state) ? { uuid: product.uuid } : {}),
    ...(withIdentifier ? { identifier } : {}),
    enabled: product.enabled,
    family: product.family,
    categories: product.categories,
    groups: [],
    parent: product.parent,
    values: showValues(state, product.values, view),
    created: isoSeconds(product.created),
    updated: isoSeconds(product.updated),
    associations: {},
    quantified_associations: {},
    ...metadata(state, `product:${product.uuid}`)
  }
}

/** EE only: `metadata.workflow_status` for the connection's user. */
function metadata (state: FakeAkeneoState, key: string): Record<string, unknown> {
  const status = workflowStatus(state, key)
  return status === null ? {} : { metadata: { workflow_status: status } }
}

export function showProductModel (state: FakeAkeneoState, model: FakeProductModel, view: ValueView = {}): Record<string, unknown> {
  return {
    _links: { self: { href: `${state.baseUrl}/api/rest/v1/product-models/${encodeURIComponent(model.code)}` } },
    code: model.code,
    family: model.family,
    family_variant: model.family_variant,
    parent: model.parent,
    categories: model.categories,
    values: showValues(state, model.values, view),
    created: isoSeconds(model.created),
    updated: isoSeconds(model.updated),
    associations: {},
    quantified_associations: {},
    ...metadata(state, `product_model:${model.code}`)
  }
}

export function showMediaFile (state: FakeAkeneoState, file: FakeMediaFile): Record<string, unknown> {
  return {
    _links: { download: { href: `${state.baseUrl}/api/rest/v1/media-files/${mediaCodePath(file.code)}/download` } },
    code: file.code,
    original_filename: file.original_filename,
    mime_type: file.mime_type,
    size: file.size,
    extension: file.extension
  }
}
