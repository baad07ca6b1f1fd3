import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { DEFAULT_CREDENTIAL_CODE } from '../config/credentials.js'
import { DELETED_SUBJECT, syncAssetLinks, type LinkDeps } from '../handlers/asset-handler.js'
import { productHandler } from '../handlers/product-handler.js'

/** Puts the handlers in place of the worker's placeholders: linking (asset tasks), update-properties and enrichment (product tasks). */
async function linkHandlers (fastify: FastifyInstance): Promise<void> {
  const deps: LinkDeps = { akeneo: fastify.akeneo, bynder: fastify.bynder, store: fastify.store, mapping: fastify.mapping }
  const productDeps = { ...deps, credentialCodes: [...fastify.credentials.keys()] }
  fastify.handlers.register('asset', async (task) =>
    // `deleted`: the asset cannot be read any more; unlink everything registered for it.
    await syncAssetLinks(deps, task.credentialCode ?? DEFAULT_CREDENTIAL_CODE, task.entityId, { deleted: task.reasons.includes(DELETED_SUBJECT) }))
  const products = productHandler(productDeps)
  fastify.handlers.register('product', products)
  fastify.handlers.register('product_model', products)
}

export default fp(linkHandlers, { name: 'link-handlers', dependencies: ['settings', 'store', 'clients', 'worker'] })
