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

export interface StorePluginOptions {
  /**
   * false: SQLite checkpoints stay in the writer, never in a thread of their own. For a
   * command that never listens (the cron-style jobs): the thread keeps webhook intake free of
   * checkpoint stalls, and there is no webhook intake there — only ~10 MB of RSS it would add.
   */
  checkpointThread?: boolean
}

/** Opens (and migrates) the state store at start; closes it last on shutdown. */
async function storePlugin (fastify: FastifyInstance, options: StorePluginOptions): Promise<void> {
  const store = observeStore(await openStore(fastify.config.DATABASE_URL, options), fastify.metrics)
  fastify.decorate('store', store)
  // onClose hooks run in reverse order of registration: the worker (registered later)
  // stops and releases its tasks before this closes the database under it.
  fastify.addHook('onClose', async () => { await store.close() })
}

export default fp(storePlugin, { name: 'store', dependencies: ['settings', 'metrics'] })
