import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { observeReplays } from '../metrics/observe-replays.js'
import { createReplayService, type ReplayService } from '../replay/service.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** Replay runs (POST /replay, the schedule, the CLI jobs): start, look up, interrupt on close. */
    replays: ReplayService
  }
}

/**
 * The replay service on the app's clients and store. A run queues its tasks in the inbox
 * and wakes the worker; it leaves half of INBOX_MAX_PENDING to the webhooks, so a large
 * window never makes Akeneo's senders see 429 because of a replay.
 */
async function replayPlugin (fastify: FastifyInstance): Promise<void> {
  const service = observeReplays(createReplayService({
    akeneo: fastify.akeneo,
    bynder: fastify.bynder,
    store: fastify.store,
    mapping: fastify.mapping,
    // As the live product handler: a product's assets may be in any configured portal.
    credentialCodes: [...fastify.credentials.keys()],
    log: fastify.log.child({ component: 'replay' }),
    nudge: () => { fastify.worker.nudge() },
    maxPending: Math.max(1, Math.floor(fastify.config.INBOX_MAX_PENDING / 2)),
    pollMs: fastify.config.WORKER_POLL_MS
  }), (run) => { fastify.metrics.replayFinished(run) })
  fastify.decorate('replays', service)
  // Registered after the worker and the store: this runs before they close.
  fastify.addHook('onClose', async () => { await service.close() })
}

export default fp(replayPlugin, { name: 'replay', dependencies: ['settings', 'store', 'clients', 'worker', 'metrics'] })
