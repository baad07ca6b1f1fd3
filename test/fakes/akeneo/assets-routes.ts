import type { FastifyInstance } from 'fastify'
import { AkeneoHttpError, notFound, requireContentType } from './errors.js'
import { assetPage } from './asset-page.js'
import { parseAssetSearch } from './asset-search.js'
import { assetManagerOf, type FakeAsset, type FakeAssetFamily } from './asset-state.js'
import { findAssetFamily, upsertAsset } from './asset-upsert.js'
import type { Query } from './paginate.js'
import { isoSeconds, mediaCodePath } from './serialize.js'
import type { FakeAkeneoState } from './state.js'

const MAX_ITEMS = 100
type Params = { family: string, code: string }
const LIST = '/api/rest/v1/asset-families/:family/assets'
const ONE = `${LIST}/:code`

const path = (family: string, code?: string): string =>
  `/api/rest/v1/asset-families/${encodeURIComponent(family)}/assets${code === undefined ? '' : `/${encodeURIComponent(code)}`}`

function showAsset (state: FakeAkeneoState, family: FakeAssetFamily, asset: FakeAsset, query: Query = {}): Record<string, unknown> {
  const locales = query.locales === undefined ? undefined : new Set(query.locales.split(','))
  const values: Record<string, unknown> = {}
  for (const [code, list] of Object.entries(asset.values)) {
    const media = family.attributes.get(code)?.type === 'media_file'
    const kept = list
      .filter((v) => (query.channel === undefined || v.channel === null || v.channel === query.channel) && (locales === undefined || v.locale === null || locales.has(v.locale)))
      .map((v) => media && typeof v.data === 'string'
        ? { ...v, _links: { download: { href: `${state.baseUrl}/api/rest/v1/asset-media-files/${mediaCodePath(v.data)}` } } }
        : { ...v })
    if (kept.length > 0) values[code] = kept
  }
  return { _links: { self: { href: `${state.baseUrl}${path(family.code, asset.code)}` } }, code: asset.code, values, created: isoSeconds(asset.created), updated: isoSeconds(asset.updated) }
}

/** Assets of a family: list (search_after), get, PATCH (creates), DELETE, bulk PATCH as a JSON array. */
export function registerAssetRoutes (app: FastifyInstance, state: FakeAkeneoState): void {
  const find = (params: Params): { family: FakeAssetFamily, asset: FakeAsset } => {
    const family = findAssetFamily(state, params.family)
    const asset = family.assets.get(params.code)
    if (asset === undefined) throw notFound(`Asset "${params.code}" does not exist.`)
    return { family, asset }
  }

  app.get<{ Params: { family: string }, Querystring: Query }>(LIST, async (request) => {
    const family = findAssetFamily(state, request.params.family)
    const matches = parseAssetSearch(request.query.search)
    const items = [...family.assets.values()].filter(matches).map((a) => ({ key: a.code, item: a }))
    return assetPage({
      baseUrl: state.baseUrl, path: path(family.code).slice('/api/rest/v1/'.length), query: request.query, allowed: ['search', 'channel', 'locales'],
      items, show: (a) => showAsset(state, family, a, request.query), embeddedKey: assetManagerOf(state).embeddedKey
    })
  })

  app.get<{ Params: Params, Querystring: Query }>(ONE, async (request) => {
    const { family, asset } = find(request.params)
    return showAsset(state, family, asset, request.query)
  })

  app.patch<{ Params: Params }>(ONE, async (request, reply) => {
    requireContentType(request.headers['content-type'], 'application/json')
    const family = findAssetFamily(state, request.params.family)
    const status = upsertAsset(state, family, request.params.code, request.body)
    return reply.code(status).header('location', `${state.baseUrl}${path(family.code, request.params.code)}`).send()
  })

  // Assumption: deleting an asset leaves product collections that hold its code as they are
  // (the stricter reading: a later PATCH with the stale code is then refused).
  app.delete<{ Params: Params }>(ONE, async (request, reply) => {
    const { family, asset } = find(request.params)
    family.assets.delete(asset.code)
    return reply.code(204).send()
  })

  // A JSON array (`application/json`, not the products' NDJSON), answered by a JSON array.
  app.patch<{ Params: { family: string } }>(LIST, async (request, reply) => {
    requireContentType(request.headers['content-type'], 'application/json')
    const family = findAssetFamily(state, request.params.family)
    if (!Array.isArray(request.body)) throw new AkeneoHttpError(400, 'Invalid json message received: a JSON array of assets is expected.')
    if (request.body.length > MAX_ITEMS) throw new AkeneoHttpError(413, `Too many resources to process, ${MAX_ITEMS} is the maximum allowed.`)
    const results = (request.body as unknown[]).map((item) => {
      const code = (item as Record<string, unknown> | null)?.code
      if (typeof code !== 'string' || code === '') return { code: null, status_code: 422, message: 'Property "code" is required.' }
      try {
        return { code, status_code: upsertAsset(state, family, code, item) }
      } catch (error) {
        if (!(error instanceof AkeneoHttpError)) throw error
        return { code, status_code: error.status, message: error.message, ...(error.errors === undefined ? {} : { errors: error.errors }) }
      }
    })
    return reply.code(200).type('application/json').send(results)
  })
}
