import type { FastifyInstance } from 'fastify'
import type { FakeAkeneoState } from './state.js'

const PATCH_LEVEL: Record<FakeAkeneoState['version'], string> = { '5.0': '5.0.60', '6.0': '6.0.28', '7.0': '7.0.40' }

/** `GET /api/rest/v1/system-information` (x-versions 6.0 and 7.0): version and edition; absent on 5.0. */
export function registerSystemInformation (app: FastifyInstance, state: FakeAkeneoState): void {
  if (state.version === '5.0') return
  app.get('/api/rest/v1/system-information', async () => ({ version: PATCH_LEVEL[state.version], edition: state.edition }))
}
