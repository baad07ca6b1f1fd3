import type { FastifyInstance } from 'fastify'
import { runBulk } from './bulk.js'
import { recordChange } from './changes.js'
import type { FakeControls } from './controls.js'
import { patchProduct } from './entities.js'
import { notFound, requireContentType } from './errors.js'
import { listPage, type Listing, type Query } from './paginate.js'
import { parseSearch } from './search.js'
import { showProduct, type ValueView } from './serialize.js'
import { findProductByIdentifier, hasUuids, linkBase, productIdentifier, type FakeAkeneoState, type FakeProduct } from './state.js'

/** A variant's parent model and that model's parent (Akeneo has at most two levels). */
function ancestorsOf (state: FakeAkeneoState, parent: string | null): Array<{ updated: number }> {
  const models: Array<{ updated: number }> = []
  for (let code = parent, depth = 0; code !== null && depth < 2; depth++) {
    const model = state.productModels.get(code)
    if (model === undefined) break
    models.push(model)
    code = model.parent
  }
  return models
}

export function valueView (query: Query): ValueView {
  const split = (raw: string | undefined): Set<string> | undefined => raw === undefined ? undefined : new Set(raw.split(','))
  return { attributes: split(query.attributes), locales: split(query.locales) }
}

/** Products by UUID (preferred) and by identifier: get, list/search, patch, bulk patch. */
export function registerProductRoutes (app: FastifyInstance, state: FakeAkeneoState, controls: FakeControls): void {
  const missing = (id: string): Error => notFound(`Product "${id}" does not exist or you do not have permission to access it.`)
  const get = (product: FakeProduct | undefined, id: string): FakeProduct => {
    if (product === undefined) throw missing(id)
    return product
  }

  for (const byIdentifier of hasUuids(state) ? [false, true] : [true]) {
    const base = byIdentifier ? '/api/rest/v1/products' : '/api/rest/v1/products-uuid'
    const find = (id: string): FakeProduct | undefined => byIdentifier ? findProductByIdentifier(state, id) : state.products.get(id)

    app.get<{ Params: { id: string }, Querystring: Query }>(`${base}/:id`, async request => {
      const product = get(find(request.params.id), request.params.id)
      return showProduct(state, product, byIdentifier, valueView(request.query))
    })

    app.patch<{ Params: { id: string } }>(`${base}/:id`, async (request, reply) => {
      requireContentType(request.headers['content-type'], 'application/json')
      const id = request.params.id
      const result = patchProduct(state, byIdentifier ? { identifier: id } : { uuid: id }, request.body)
      const { status, entity } = result
      recordChange(state, controls, request, { kind: 'product', result })
      const self = byIdentifier ? `products/${encodeURIComponent(id)}` : `products-uuid/${entity.uuid}`
      return reply.code(status).header('location', `${state.baseUrl}/api/rest/v1/${self}`).send()
    })

    app.get<{ Querystring: Query }>(base, async request => {
      const matches = parseSearch(request.query.search, state.identifierAttribute, state.timeZone)
      const keys = state.products.sortedKeys()
      const items: Listing<FakeProduct> = {
        keys,
        itemAt: index => state.products.get(keys[index]!)!,
        matches: p => matches({ ...p, identifier: productIdentifier(state, p), ancestors: ancestorsOf(state, p.parent) })
      }
      const view = valueView(request.query)
      return listPage({ baseUrl: linkBase(state), path: base.slice('/api/rest/v1/'.length), query: request.query, items, show: p => showProduct(state, p, byIdentifier, view), searchAfter: true })
    })

    app.patch(base, async (request, reply) => runBulk(request, reply, byIdentifier ? 'identifier' : 'uuid', (id, item) => {
      const result = patchProduct(state, byIdentifier ? { identifier: id } : { uuid: id }, item)
      recordChange(state, controls, request, { kind: 'product', result })
      return result.status
    }))
  }
}
