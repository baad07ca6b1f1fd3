import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { observeStore } from '../metrics/observe-store.js'
import { openStore } from '../store/open-store.js'
import type { Store } from '../store/store.js'

declare module 'fastify' {
  interface FastifyInstance {
    store: Store
  }
}

/** Opens (and migrates) the state store at start; closes it last on shutdown. */
async function storePlugin (fastify: FastifyInstance): Promise<void> {
  const store = observeStore(await openStore(fastify.config.DATABASE_URL), fastify.metrics)
  fastify.decorate('store', store)
  // onClose hooks run in reverse order of registration: the worker (registered later)
  // stops and releases its tasks before this closes the database under it.
  fastify.addHook('onClose', async () => { await store.close() })
}

export default fp(storePlugin, { name: 'store', dependencies: ['settings', 'metrics'] })
