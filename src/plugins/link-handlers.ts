import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { DEFAULT_CREDENTIAL_CODE } from '../config/credentials.js'
import { DELETED_SUBJECT, syncAssetLinks, type LinkDeps } from '../handlers/asset-handler.js'
import { listedAsset } from '../handlers/listed-snapshot.js'
import { productHandler } from '../handlers/product-handler.js'
import { flushUuidLookups } from '../handlers/product-uuids.js'
import { recordEntityVersion } from '../replay/entity-version.js'
import { identifierOfEntityId } from '../task-keys.js'

/** Puts the handlers in place of the worker's placeholders: linking (asset tasks), update-properties and enrichment (product tasks). */
async function linkHandlers (fastify: FastifyInstance): Promise<void> {
  const deps: LinkDeps = { akeneo: fastify.akeneo, bynder: fastify.bynder, store: fastify.store, mapping: fastify.mapping }
  const productDeps = { ...deps, credentialCodes: [...fastify.credentials.keys()] }
  fastify.handlers.register('asset', async (task, { signal }) => {
    // `deleted`: the asset cannot be read any more; unlink everything registered for it.
    // A replay's task carries the asset as its list page showed it: planned without a read.
    const deleted = task.reasons.includes(DELETED_SUBJECT)
    const listed = task.snapshot === null || deleted ? undefined : listedAsset(task.snapshot)
    // attempts > 1: an earlier run may have uploaded before it died or failed.
    const run = { retry: task.attempts > 1, signal }
    return await syncAssetLinks(deps, task.credentialCode ?? DEFAULT_CREDENTIAL_CODE, task.entityId, listed === undefined ? { deleted, ...run } : { listed, ...run })
  })
  const products = productHandler(productDeps, {
    // A replay listing this version again (same `updated`, same mapping) leaves it alone.
    synced: async (task, entity, jobs) => {
      if (identifierOfEntityId(task.entityId) !== null) return
      const kind = task.kind === 'product' ? 'product' : 'product_model'
      await recordEntityVersion(fastify.store.versions, kind, task.entityId, entity, fastify.mapping, jobs, Date.now())
    }
  })
  fastify.handlers.register('product', products)
  fastify.handlers.register('product_model', products)
  // Before the store closes (hooks run in reverse): the uuids of the last first links are recorded.
  fastify.addHook('onClose', async () => { await flushUuidLookups(fastify.store) })
}

export default fp(linkHandlers, { name: 'link-handlers', dependencies: ['settings', 'store', 'clients', 'worker'] })
