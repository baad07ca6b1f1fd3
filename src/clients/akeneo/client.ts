import type { Logger } from 'pino'
import type { Static, TSchema } from 'typebox'
import { Value } from 'typebox/value'
import { limitConcurrency, reportingWaits } from '../limit-concurrency.js'
import type { UpstreamObserver } from '../upstream-observer.js'
import { createAssetManagerCalls } from './asset-client.js'
import { createAttributeCache } from './attribute-cache.js'
import { bulkPatch } from './bulk.js'
import { callSite, shapeError } from './errors.js'
import { createIdentifierAttribute } from './identifier-attribute.js'
import { createAkeneoHttp, DEFAULT_TIMEOUTS, type AkeneoTimeouts } from './http.js'
import { uploadMediaFile, type MediaUpload } from './media-upload.js'
import { paginate } from './paginate.js'
import { describePlatform, UnsupportedAkeneoError, unsupportedMessage, type AkeneoPlatform } from './platform.js'
import { createSend } from './request.js'
import { DEFAULT_RETRY, type RetrySettings } from './retry-policy.js'
import { AkeneoAttributeSchema, AkeneoChannelSchema, AkeneoProductModelSchema, AkeneoProductSchema, type AkeneoAttribute, type AkeneoBulkLineResult, type AkeneoChannel, type AkeneoProduct, type AkeneoProductModel } from './schemas.js'
import { searchQueries, type SearchOptions } from './search.js'
import { createTokenManager, type AkeneoCredentials } from './tokens.js'
import { writable } from './writable.js'

export interface AkeneoClientOptions extends AkeneoCredentials {
  baseUrl: string
  /** In-flight calls (Akeneo allows 4 per connection). Default 4. */
  maxConcurrency?: number
  logger?: Logger
  timeouts?: AkeneoTimeouts
  retry?: Partial<RetrySettings>
  /** Code of the identifier attribute (the identifiers filter, a product's identifier on the UUID routes). Default: learned from the PIM. */
  identifierAttribute?: string
  /** How long attributes (and asset families with their attributes) stay cached. Default 10 minutes. */
  attributeCacheTtlMs?: number
  /** IANA time zone of the PIM server, in which it reads search dates (`AKENEO_TIME_ZONE`). Default `UTC`. */
  timeZone?: string
  /** Metrics: each attempt's status and latency, and the time spent waiting for a concurrency slot. */
  observer?: UpstreamObserver
}

export type PatchOutcome = 'created' | 'updated'
const enc = encodeURIComponent

export function createAkeneoClient (options: AkeneoClientOptions) {
  const { logger } = options
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts }
  const retry = { ...DEFAULT_RETRY, ...options.retry }
  const { observer } = options
  const http = createAkeneoHttp(options.baseUrl, timeouts, logger, observer)
  const limiter = reportingWaits(limitConcurrency(options.maxConcurrency ?? 4), observer && ((ms) => { observer.waited({ api: 'akeneo', bound: 'concurrency', ms }) }))
  const tokens = createTokenManager(http, limiter, options, logger)
  const send = createSend(http, tokens, limiter, retry, logger)
  const attributes = createAttributeCache(options.attributeCacheTtlMs ?? 600_000)
  const assetManager = createAssetManagerCalls(send, timeouts.uploadMs, options.attributeCacheTtlMs ?? 600_000)
  const identifierAttribute = createIdentifierAttribute(send, options.identifierAttribute, logger)

  // Once the UUID API is known to exist it stays known; a failed look-up is tried again later.
  let uuidApi: Promise<void> | undefined
  async function assertSupported (): Promise<void> {
    uuidApi ??= send({ method: 'GET', path: 'api/rest/v1/products-uuid', searchParams: { limit: '1' }, accept: [404] }).then(async (probe) => {
      if (probe.statusCode === 404) throw new UnsupportedAkeneoError(unsupportedMessage(await describePlatform(send, 1)))
    }).catch((error: unknown) => { if (!(error instanceof UnsupportedAkeneoError)) uuidApi = undefined; throw error })
    await uuidApi
  }

  /** Single-entity reads answer null on 404: "not there (yet)" is a normal outcome for the handlers. */
  async function getOne<S extends TSchema> (path: string, schema: S, what: string): Promise<Static<S> | null> {
    const response = await send({ method: 'GET', path, accept: [404] })
    if (response.statusCode === 404) return null
    const body: unknown = JSON.parse(response.body.toString())
    if (!Value.Check(schema, body)) throw shapeError(callSite('GET', path), response.statusCode, what, body, schema)
    return body
  }

  async function patchOne (path: string, body: Record<string, unknown>): Promise<PatchOutcome> {
    const response = await send({ method: 'PATCH', path, json: writable(body) })
    return response.statusCode === 201 ? 'created' : 'updated'
  }

  async function * search<S extends TSchema> (path: string, filterName: string | (() => Promise<string>), schema: S, what: string, opts: SearchOptions): AsyncGenerator<Static<S>> {
    // The identifier attribute is asked for only when the search names identifiers.
    const named = opts.identifiers !== undefined && opts.identifiers.length > 0
    const filter = typeof filterName === 'string' ? filterName : named ? await filterName() : ''
    for (const query of searchQueries(opts, filter, options.timeZone)) yield * paginate(send, path, query, schema, what)
  }

  return {
    /** Asset Manager (EE / SaaS): families, assets, asset media files (`asset-client.ts`). */
    ...assetManager,
    /** Throws UnsupportedAkeneoError on a PIM without the UUID product API (before 7.0). */
    assertSupported,
    /** The identifier attribute's code: a product's identifier on the UUID routes is its value. */
    identifierAttribute,
    /** Version, edition, UUID API and a sample of EE workflow statuses, for `check`. */
    describePlatform: async (): Promise<AkeneoPlatform> => await describePlatform(send),
    /** Null on 404 — after making sure (once per process) the 404 is not a PIM older than 7.0 without the route. */
    async getProduct (uuid: string): Promise<AkeneoProduct | null> {
      const product = await getOne(`api/rest/v1/products-uuid/${enc(uuid)}`, AkeneoProductSchema, 'product')
      if (product === null) await assertSupported()
      return product
    },
    getProductByIdentifier: async (identifier: string): Promise<AkeneoProduct | null> =>
      await getOne(`api/rest/v1/products/${enc(identifier)}`, AkeneoProductSchema, 'product'),
    getProductModel: async (code: string): Promise<AkeneoProductModel | null> =>
      await getOne(`api/rest/v1/product-models/${enc(code)}`, AkeneoProductModelSchema, 'product model'),

    getAttribute: async (code: string): Promise<AkeneoAttribute | null> =>
      await attributes.get(code, async () => await getOne(`api/rest/v1/attributes/${enc(code)}`, AkeneoAttributeSchema, 'attribute')),
    /**
     * Cached ones from the cache, the rest in one list call per 100 codes; missing codes are
     * absent from the map. Codes another caller is already reading wait for that read.
     */
    getAttributes: async (codes: string[]): Promise<Map<string, AkeneoAttribute>> =>
      await attributes.getMany(codes, async (missing) => {
        const read: AkeneoAttribute[] = []
        for (let i = 0; i < missing.length; i += 100) {
          const search = JSON.stringify({ code: [{ operator: 'IN', value: missing.slice(i, i + 100) }] })
          for await (const attribute of paginate(send, 'api/rest/v1/attributes', { search, limit: '100' }, AkeneoAttributeSchema, 'attribute')) read.push(attribute)
        }
        return read
      }),

    /** Every channel with its activated locales (one call per 100 channels), for `check`. */
    async getChannels (): Promise<AkeneoChannel[]> {
      const channels: AkeneoChannel[] = []
      for await (const channel of paginate(send, 'api/rest/v1/channels', { limit: '100' }, AkeneoChannelSchema, 'channel')) channels.push(channel)
      return channels
    },

    searchProducts: (opts: SearchOptions = {}): AsyncGenerator<AkeneoProduct> =>
      search('api/rest/v1/products-uuid', identifierAttribute, AkeneoProductSchema, 'product', opts),
    /** `identifiers` are product model codes (Akeneo's `identifier` filter). */
    searchProductModels: (opts: SearchOptions = {}): AsyncGenerator<AkeneoProductModel> =>
      search('api/rest/v1/product-models', 'identifier', AkeneoProductModelSchema, 'product model', opts),

    /** PATCH merges; on an unknown uuid it creates the product — only patch what is known to exist. */
    patchProduct: async (uuid: string, body: Record<string, unknown>): Promise<PatchOutcome> =>
      await patchOne(`api/rest/v1/products-uuid/${enc(uuid)}`, body),
    patchProductModel: async (code: string, body: Record<string, unknown>): Promise<PatchOutcome> =>
      await patchOne(`api/rest/v1/product-models/${enc(code)}`, body),
    patchProducts: async (lines: Array<{ uuid: string } & Record<string, unknown>>): Promise<AkeneoBulkLineResult[]> =>
      await bulkPatch(send, 'api/rest/v1/products-uuid', lines),
    patchProductModels: async (lines: Array<{ code: string } & Record<string, unknown>>): Promise<AkeneoBulkLineResult[]> =>
      await bulkPatch(send, 'api/rest/v1/product-models', lines),

    uploadMediaFile: async (upload: MediaUpload): Promise<string> => await uploadMediaFile(send, upload, timeouts.uploadMs),
    async downloadMediaFile (code: string): Promise<Buffer> {
      const response = await send({ method: 'GET', path: `api/rest/v1/media-files/${code.split('/').map(enc).join('/')}/download` })
      return response.body
    }
  }
}

export type AkeneoClient = ReturnType<typeof createAkeneoClient>
