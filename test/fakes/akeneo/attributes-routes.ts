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

/** Attributes list understands only `{"code":[{"operator":"IN","value":[…]}]}` (what the client sends). */
function codeFilter (raw: string | undefined): (code: string) => boolean {
  if (raw === undefined) return () => true
  let search: { code?: Array<{ operator?: unknown, value?: unknown }> }
  try { search = JSON.parse(raw) } catch { throw new AkeneoHttpError(400, 'Search query parameter should be valid JSON.') }
  const condition = search.code?.[0]
  if (Object.keys(search).length !== 1 || condition?.operator !== 'IN' || !Array.isArray(condition.value)) {
    throw new AkeneoHttpError(422, 'Filter on property "code" is not supported or does not support this operator.')
  }
  const codes = new Set(condition.value)
  return code => codes.has(code)
}

export function registerAttributeRoutes (app: FastifyInstance, state: FakeAkeneoState): void {
  const find = (code: string): FakeAttribute => {
    const attribute = state.attributes.get(code)
    if (attribute === undefined) throw notFound(`Attribute "${code}" does not exist.`)
    return attribute
  }

  app.get<{ Params: { code: string } }>(`${BASE}/:code`, async request => showAttribute(state, find(request.params.code)))

  app.get<{ Querystring: Query }>(BASE, async request => {
    const matches = codeFilter(request.query.search)
    const items = [...state.attributes.values()].filter(a => matches(a.code)).map(a => ({ key: a.code, item: a }))
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
