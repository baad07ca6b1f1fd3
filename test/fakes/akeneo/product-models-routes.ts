import type { FastifyInstance } from 'fastify'
import { runBulk } from './bulk.js'
import { recordChange } from './changes.js'
import type { FakeControls } from './controls.js'
import { patchProductModel } from './entities.js'
import { notFound, requireContentType } from './errors.js'
import { listPage, type Listing, type Query } from './paginate.js'
import { valueView } from './products-routes.js'
import { parseSearch } from './search.js'
import { showProductModel } from './serialize.js'
import { linkBase, type FakeAkeneoState, type FakeProductModel } from './state.js'

const BASE = '/api/rest/v1/product-models'

export function registerProductModelRoutes (app: FastifyInstance, state: FakeAkeneoState, controls: FakeControls): void {
  app.get<{ Params: { code: string }, Querystring: Query }>(`${BASE}/:code`, async request => {
    const model = state.productModels.get(request.params.code)
    if (model === undefined) throw notFound(`Product model "${request.params.code}" does not exist or you do not have permission to access it.`)
    return showProductModel(state, model, valueView(request.query))
  })

  app.patch<{ Params: { code: string } }>(`${BASE}/:code`, async (request, reply) => {
    requireContentType(request.headers['content-type'], 'application/json')
    const result = patchProductModel(state, request.params.code, request.body)
    recordChange(state, controls, request, { kind: 'product_model', result })
    const { status } = result
    return reply.code(status).header('location', `${state.baseUrl}${BASE}/${encodeURIComponent(request.params.code)}`).send()
  })

  app.get<{ Querystring: Query }>(BASE, async request => {
    // Product models filter on their code with the `identifier` filter.
    const matches = parseSearch(request.query.search, 'identifier', state.timeZone)
    const keys = state.productModels.sortedKeys()
    const items: Listing<FakeProductModel> = {
      keys,
      itemAt: index => state.productModels.get(keys[index]!)!,
      matches: m => matches({ ...m, identifier: m.code })
    }
    const view = valueView(request.query)
    return listPage({ baseUrl: linkBase(state), path: 'product-models', query: request.query, items, show: m => showProductModel(state, m, view), searchAfter: true })
  })

  app.patch(BASE, async (request, reply) => runBulk(request, reply, 'code', (code, item) => {
    const result = patchProductModel(state, code, item)
    recordChange(state, controls, request, { kind: 'product_model', result })
    return result.status
  }))
}
