import type { FastifyInstance } from 'fastify'
import { AkeneoHttpError, notFound } from './errors.js'
import { listPage, type Query } from './paginate.js'
import { linkBase, type FakeAkeneoState, type FakeAttribute } from './state.js'

const BASE = '/api/rest/v1/attributes'

function showAttribute (state: FakeAkeneoState, a: FakeAttribute): Record<string, unknown> {
  return {
    _links: { self: { href: `${state.baseUrl}${BASE}/${a.code}` } },
    code: a.code,
    type: a.type,
    group: 'other',
    unique: a.type === 'pim_catalog_identifier',
    localizable: a.localizable,
    scopable: a.scopable,
    available_locales: a.available_locales,
    allowed_extensions: a.allowed_extensions,
    max_file_size: null,
    reference_data_name: a.reference_data_name ?? null,
    labels: {}
  }
}

/**
 * Attributes list filters the client sends: `code` and `type`, each `IN` a list (pim-api-docs
 * filter.md, "Filter attributes": by code, and by type since 4.0). Anything else is refused.
 */
function attributeFilter (raw: string | undefined): (a: FakeAttribute) => boolean {
  if (raw === undefined) return () => true
  let search: Record<string, Array<{ operator?: unknown, value?: unknown }> | undefined>
  try { search = JSON.parse(raw) } catch { throw new AkeneoHttpError(400, 'Search query parameter should be valid JSON.') }
  const tests: Array<(a: FakeAttribute) => boolean> = []
  for (const [property, conditions] of Object.entries(search)) {
    const condition = conditions?.[0]
    if ((property !== 'code' && property !== 'type') || condition?.operator !== 'IN' || !Array.isArray(condition.value)) {
      throw new AkeneoHttpError(422, `Filter on property "${property}" is not supported or does not support this operator.`)
    }
    const wanted = new Set(condition.value)
    tests.push(property === 'code' ? a => wanted.has(a.code) : a => wanted.has(a.type))
  }
  return a => tests.every(test => test(a))
}

export function registerAttributeRoutes (app: FastifyInstance, state: FakeAkeneoState): void {
  const find = (code: string): FakeAttribute => {
    const attribute = state.attributes.get(code)
    if (attribute === undefined) throw notFound(`Attribute "${code}" does not exist.`)
    return attribute
  }

  app.get<{ Params: { code: string } }>(`${BASE}/:code`, async request => showAttribute(state, find(request.params.code)))

  app.get<{ Querystring: Query }>(BASE, async request => {
    const matches = attributeFilter(request.query.search)
    const items = [...state.attributes.values()].filter(matches).map(a => ({ key: a.code, item: a }))
    return listPage({ baseUrl: linkBase(state), path: 'attributes', query: request.query, items, show: a => showAttribute(state, a), searchAfter: false })
  })

  app.get<{ Params: { code: string }, Querystring: Query }>(`${BASE}/:code/options`, async request => {
    const attribute = find(request.params.code)
    const items = attribute.options.map(o => ({ key: o.code, item: o }))
    return listPage({ baseUrl: linkBase(state), path: `attributes/${attribute.code}/options`, query: request.query, items, show: o => ({ ...o, attribute: attribute.code }), searchAfter: false })
  })

  app.get<{ Params: { code: string, option: string } }>(`${BASE}/:code/options/:option`, async request => {
    const attribute = find(request.params.code)
    const option = attribute.options.find(o => o.code === request.params.option)
    if (option === undefined) throw notFound(`Attribute option "${request.params.option}" does not exist.`)
    return { code: option.code, attribute: attribute.code, labels: option.labels, sort_order: attribute.options.indexOf(option) }
  })
}
