import type { FastifyInstance } from 'fastify'
import { listPage, type Query } from './paginate.js'
import { linkBase, type FakeAkeneoState } from './state.js'

/**
 * `GET /api/rest/v1/channels`: paginated (page only, sorted by code), each with the locales
 * activated for it. Every emulator locale is active in every channel, as the value checks
 * (`values.ts`, `asset-values.ts`) accept any of them in any channel.
 */
export function registerChannelRoutes (app: FastifyInstance, state: FakeAkeneoState): void {
  app.get<{ Querystring: Query }>('/api/rest/v1/channels', async (request) => {
    const items = state.channels.map((code) => ({ key: code, item: code }))
    const show = (code: string): Record<string, unknown> => ({
      _links: { self: { href: `${state.baseUrl}/api/rest/v1/channels/${code}` } },
      code,
      currencies: ['EUR', 'USD'],
      locales: [...state.locales],
      category_tree: 'master',
      conversion_units: {},
      labels: {}
    })
    return listPage({ baseUrl: linkBase(state), path: 'channels', query: request.query, items, show, searchAfter: false })
  })
}
