import type { FastifyInstance } from 'fastify'
import { notFound } from './errors.js'
import { assetPage } from './asset-page.js'
import { assetManagerOf, type FakeAssetAttribute, type FakeAssetFamily } from './asset-state.js'
import { findAssetFamily } from './asset-upsert.js'
import type { Query } from './paginate.js'
import type { FakeAkeneoState } from './state.js'

const BASE = '/api/rest/v1/asset-families'

function showFamily (state: FakeAkeneoState, f: FakeAssetFamily): Record<string, unknown> {
  return {
    _links: { self: { href: `${state.baseUrl}${BASE}/${encodeURIComponent(f.code)}` } },
    code: f.code,
    labels: f.labels,
    attribute_as_main_media: f.attribute_as_main_media,
    naming_convention: f.naming_convention,
    product_link_rules: f.product_link_rules,
    transformations: f.transformations
  }
}

function showAttribute (a: FakeAssetAttribute): Record<string, unknown> {
  const shown: Record<string, unknown> = {
    code: a.code, labels: {}, type: a.type, value_per_locale: a.value_per_locale, value_per_channel: a.value_per_channel,
    is_required_for_completeness: false, is_read_only: false
  }
  if (a.type === 'media_link') Object.assign(shown, { prefix: a.prefix, suffix: a.suffix, media_type: a.media_type })
  if (a.type === 'media_file') Object.assign(shown, { media_type: a.media_type, allowed_extensions: a.allowed_extensions, max_file_size: null })
  return shown
}

/** Asset families and their attributes (read only). Family codes are case-sensitive. */
export function registerAssetFamilyRoutes (app: FastifyInstance, state: FakeAkeneoState): void {
  app.get<{ Querystring: Query }>(BASE, async (request) => {
    const manager = assetManagerOf(state)
    const items = [...manager.families.values()].map((f) => ({ key: f.code, item: f }))
    return assetPage({ baseUrl: state.baseUrl, path: 'asset-families', query: request.query, allowed: [], items, show: (f) => showFamily(state, f), embeddedKey: manager.embeddedKey })
  })

  app.get<{ Params: { family: string } }>(`${BASE}/:family`, async (request) => showFamily(state, findAssetFamily(state, request.params.family)))

  // Not paginated: a plain JSON array (pim-api-docs `AssetAttributeList`).
  app.get<{ Params: { family: string } }>(`${BASE}/:family/attributes`, async (request) =>
    [...findAssetFamily(state, request.params.family).attributes.values()].map(showAttribute))

  app.get<{ Params: { family: string, code: string } }>(`${BASE}/:family/attributes/:code`, async (request) => {
    const attribute = findAssetFamily(state, request.params.family).attributes.get(request.params.code)
    if (attribute === undefined) throw notFound(`Attribute "${request.params.code}" does not exist for the asset family "${request.params.family}".`)
    return showAttribute(attribute)
  })
}
