import type { FastifyInstance } from 'fastify'
import { registerAssetFamilyRoutes } from './asset-families-routes.js'
import { registerAssetMediaFileRoutes } from './asset-media-files-routes.js'
import { registerAssetRoutes } from './assets-routes.js'
import type { FakeAkeneoState } from './state.js'

/** The Asset Manager routes (EE / SaaS); their state starts empty (see `seedAssetFamilies`). */
export function registerAssetManagerRoutes (app: FastifyInstance, state: FakeAkeneoState): void {
  registerAssetFamilyRoutes(app, state)
  registerAssetRoutes(app, state)
  registerAssetMediaFileRoutes(app, state)
}
