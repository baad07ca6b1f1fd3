import multipart from '@fastify/multipart'
import Fastify, { type FastifyError } from 'fastify'
import { registerAssetManagerRoutes } from './asset-manager.js'
import { registerAttributeRoutes } from './attributes-routes.js'
import { registerChannelRoutes } from './channels-routes.js'
import { registerTokenRoute } from './auth.js'
import { COLLECTION_TYPE } from './bulk.js'
import { createControls, type EntityChangedEvent, type FakeControls, type InjectedFailure, type LoggedRequest } from './controls.js'
import { AkeneoHttpError, sendError } from './errors.js'
import { registerMediaFileRoutes } from './media-files-routes.js'
import { registerProductModelRoutes } from './product-models-routes.js'
import { registerProductRoutes } from './products-routes.js'
import { seedCatalog } from './seed.js'
import { registerSystemInformation } from './system-routes.js'
import { createState, type FakeAkeneoState, type FakeClient } from './state.js'
import { registerTraffic } from './traffic.js'

export { addProduct, seedCatalog } from './seed.js'
export type * from './state.js'
export type { EntityChangedEvent, InjectedFailure, LoggedRequest } from './controls.js'

export const DEFAULT_CLIENT: FakeClient = { clientId: 'fake-client-id', secret: 'fake-client-secret-9f3a', username: 'connector_api', password: 'fake-password-77c1' }

export interface FakeAkeneoOptions {
  clients?: FakeClient[]
  /** Seed the realistic catalog (default true). */
  seed?: boolean
  maxConcurrent?: number
  latencyMs?: number
  tokenTtlSeconds?: number
  /** Scheme and host of list pages' `_links` (a PIM behind a TLS-terminating proxy); default its own URL. */
  linkBaseUrl?: string
  /** IANA zone of the PIM server (php.ini `date.timezone`) in which filter dates are read; default UTC. */
  timeZone?: string
  /** A PIM before 7.0: no products-uuid routes, no `uuid` (see `FakeAkeneoState.version`). */
  version?: FakeAkeneoState['version']
  edition?: FakeAkeneoState['edition']
  /** EE: the connection's right where `state.rights` says nothing (default `own`). */
  defaultRight?: FakeAkeneoState['defaultRight']
  /** Code of the PIM's identifier attribute (default `sku`; integrators choose it, e.g. `ean`). */
  identifierAttribute?: string
}

export interface FakeAkeneo {
  url: string
  state: FakeAkeneoState
  controls: FakeControls
  /** The default connection's credentials. */
  client: FakeClient
  /** The seeded products' uuids by identifier. */
  uuids: Record<string, string>
  requests: LoggedRequest[]
  /** Change events emitted so far (cleared by `resetCounters`). */
  changes: EntityChangedEvent[]
  /**
   * Called after each accepted write that changed a product or model, e.g. to send the
   * Event Platform echo of the connector's own writes. Returns the unsubscribe function.
   */
  onEntityChanged: (listener: (event: EntityChangedEvent) => void) => () => void
  /** The next `count` (default 1) API calls fail with this status (token calls are spared). */
  failNext: (failure: InjectedFailure & { count?: number }) => void
  /** Forget every access token: the next API call gets a 401. */
  revokeAccessTokens: () => void
  resetCounters: () => void
  close: () => Promise<void>
}

export async function startFakeAkeneo (options: FakeAkeneoOptions = {}): Promise<FakeAkeneo> {
  const state = createState()
  const controls = createControls()
  state.clients = options.clients ?? [DEFAULT_CLIENT]
  state.timeZone = options.timeZone ?? 'UTC'
  state.version = options.version ?? '7.0'
  state.edition = options.edition ?? 'CE'
  state.defaultRight = options.defaultRight ?? 'own'
  state.identifierAttribute = options.identifierAttribute ?? 'sku'
  controls.maxConcurrent = options.maxConcurrent ?? 4
  controls.latencyMs = options.latencyMs ?? 0
  controls.tokenTtlSeconds = options.tokenTtlSeconds ?? 3600
  const { uuids } = options.seed === false ? { uuids: {} } : seedCatalog(state)

  const app = Fastify({ logger: false })
  await app.register(multipart, { limits: { fileSize: 50 * 1024 * 1024 } })
  app.addContentTypeParser(COLLECTION_TYPE, { parseAs: 'string' }, (_req, body, done) => { done(null, body) })
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error instanceof AkeneoHttpError) return sendError(reply, error)
    const status = error.statusCode ?? 500
    const message = status === 400 ? 'Invalid json message received' : status >= 500 ? 'Internal error' : error.message
    return reply.code(status).send({ code: status, message })
  })
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ code: 404, message: 'Resource not found' }))
  registerTraffic(app, controls)
  registerTokenRoute(app, state, controls)
  registerProductRoutes(app, state, controls)
  registerProductModelRoutes(app, state, controls)
  registerAttributeRoutes(app, state)
  registerChannelRoutes(app, state)
  registerMediaFileRoutes(app, state, controls)
  registerSystemInformation(app, state)
  registerAssetManagerRoutes(app, state)

  const address = await app.listen({ host: '127.0.0.1', port: 0 })
  state.baseUrl = address
  if (options.linkBaseUrl !== undefined) state.linkBaseUrl = options.linkBaseUrl
  return {
    url: address,
    state,
    controls,
    client: state.clients[0] as FakeClient,
    uuids,
    requests: controls.requests,
    changes: controls.changes,
    onEntityChanged: (listener) => {
      controls.events.on('entityChanged', listener)
      return () => { controls.events.off('entityChanged', listener) }
    },
    failNext: ({ count = 1, ...failure }) => { for (let i = 0; i < count; i++) controls.failures.push(failure) },
    revokeAccessTokens: () => { controls.accessTokens.clear() },
    resetCounters: () => { controls.requests.length = 0; controls.changes.length = 0; controls.peakConcurrency = controls.inFlight },
    close: async () => { await app.close() }
  }
}
