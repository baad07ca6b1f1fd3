import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { HandlerRegistry } from '../worker/handlers.js'
import { Worker } from '../worker/worker.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** Task handlers by kind: `fastify.handlers.register('asset', handler)`. */
    handlers: HandlerRegistry
    worker: Worker
  }
}

export interface WorkerPluginOptions {
  /** false: build the worker but never start it (tests drive it with runOnce/drain). */
  worker?: boolean
}

/** The inbox worker: starts once the app is ready, stops (tasks finished or given back) on close. */
async function workerPlugin (fastify: FastifyInstance, options: WorkerPluginOptions): Promise<void> {
  const config = fastify.config
  const handlers = new HandlerRegistry()
  const worker = new Worker({
    store: fastify.store,
    handlers,
    log: fastify.log.child({ component: 'worker' }),
    concurrency: config.WORKER_CONCURRENCY,
    maxAttempts: config.WORKER_MAX_ATTEMPTS,
    leaseMs: config.WORKER_LEASE_MS,
    backoff: { baseMs: config.WORKER_BACKOFF_BASE_MS, capMs: config.WORKER_BACKOFF_CAP_MS },
    pollMs: config.WORKER_POLL_MS,
    observer: fastify.metrics.worker
  })
  fastify.decorate('handlers', handlers)
  fastify.decorate('worker', worker)
  if (options.worker === false) return
  fastify.addHook('onReady', async () => { worker.start() })
  fastify.addHook('onClose', async () => { await worker.stop() })
}

export default fp(workerPlugin, { name: 'worker', dependencies: ['settings', 'store', 'metrics'] })
