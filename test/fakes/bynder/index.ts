import Fastify from 'fastify'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { addAsset, addMetaproperty, addOption, trashAsset, type AssetInput, type MetapropertyInput } from './catalog.js'
import { installGuards } from './guards.js'
import { FormBody, OtherBody } from './http-helpers.js'
import { registerMediaItem } from './media-item.js'
import { registerMediaList } from './media-list.js'
import { registerMediaWrite } from './media-write.js'
import { registerMetaproperties } from './metaproperty-routes.js'
import { ALL_RIGHTS, createState, type AssetModifiedEvent, type FakeBynderSettings, type FakeBynderState, type Right } from './state.js'
import { registerTrash } from './trash-routes.js'

export { ALL_RIGHTS, type Right } from './state.js'
export type * from './state.js'
export { seedRealisticPortal, type SeededPortal } from './seed.js'

export const DEFAULT_FAKE_TOKEN = 'fake-bynder-permanent-token-0123456789'

export interface FakeBynderOptions extends Partial<FakeBynderSettings> {
  /** token → rights; default: DEFAULT_FAKE_TOKEN with every right. */
  tokens?: Record<string, readonly Right[]>
}

export interface FakeBynder {
  url: string
  state: FakeBynderState
  /** Shortcuts into `state`. */
  requests: FakeBynderState['requests']
  writes: FakeBynderState['writes']
  settings: FakeBynderSettings
  addToken: (token: string, rights?: readonly Right[]) => void
  /** The next `count` /api requests answer `status` (e.g. 429 without Retry-After, 500, 403). */
  failNext: (failure: { status: number, count?: number, message?: string }) => void
  addAsset: (input?: AssetInput) => ReturnType<typeof addAsset>
  addMetaproperty: (input: MetapropertyInput) => ReturnType<typeof addMetaproperty>
  addOption: typeof addOption
  trashAsset: (id: string, deletedAt?: Date) => ReturnType<typeof trashAsset>
  /** Starts the IP block, as if another process on the same IP had spent the budget: the next request is refused whenever it comes, and the quiet period counts from it. */
  startBlock: () => void
  /** Resolves once every accepted write is applied (reads show it). */
  writesApplied: () => Promise<void>
  /** Called after each accepted write, e.g. to send the `meta_updated` webhook echo. */
  onAssetModified: (listener: (event: AssetModifiedEvent) => void) => () => void
  close: () => Promise<void>
}

export async function startFakeBynder (options: FakeBynderOptions = {}): Promise<FakeBynder> {
  const { tokens = { [DEFAULT_FAKE_TOKEN]: ALL_RIGHTS }, ...settings } = options
  const state = createState(settings, tokens)
  const app = Fastify({ logger: false })
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, new FormBody(body as string))
  })
  // Accept any other body so form-only routes answer Bynder's 400, not Fastify's 415.
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (req, _body, done) => {
    done(null, new OtherBody(req.headers['content-type']))
  })
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, _body, done) => {
    done(null, new OtherBody(req.headers['content-type']))
  })
  installGuards(app, state)
  registerMediaList(app, state)
  registerMediaItem(app, state)
  registerMediaWrite(app, state)
  registerMetaproperties(app, state)
  registerTrash(app, state)
  await app.listen({ host: '127.0.0.1', port: 0 })
  state.baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  // Temporary download URLs point at S3, another host than the portal: a client that counted
  // them against Bynder's per-IP limit would throttle itself for nothing (issue 14). Same
  // routes and request log, on a port of its own.
  const files = createServer((req, res) => { app.routing(req, res) })
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve))
  state.filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`

  return {
    url: state.baseUrl,
    state,
    requests: state.requests,
    writes: state.writes,
    settings: state.settings,
    addToken: (token, rights = ALL_RIGHTS) => { state.tokens.set(token, new Set(rights)) },
    failNext: ({ status, count = 1, message = `Injected failure ${status}` }) => {
      state.failures.push({ status, remaining: count, message })
    },
    addAsset: (input) => addAsset(state, input),
    addMetaproperty: (input) => addMetaproperty(state, input),
    addOption,
    trashAsset: (id, deletedAt) => trashAsset(state, id, deletedAt),
    startBlock: () => { state.block.lastRequestAt = Date.now(); state.block.pinned = true; state.block.started++ },
    writesApplied: async () => { while (state.pendingWrites.size > 0) await Promise.all([...state.pendingWrites]) },
    onAssetModified: (listener) => {
      state.events.on('assetModified', listener)
      return () => { state.events.off('assetModified', listener) }
    },
    close: async () => {
      files.closeAllConnections()
      await Promise.all([app.close(), new Promise((resolve) => files.close(resolve))])
    }
  }
}
