import { Type, type TSchema, type Static } from 'typebox'
import { Value } from 'typebox/value'
import { releaseBytes } from '../release-bytes.js'
import { UpstreamError } from '../upstream-error.js'
import {
  AkeneoAssetAttributeSchema, AkeneoAssetFamilySchema, AkeneoAssetPageSchema, AkeneoAssetSchema, AkeneoAssetUpsertResultSchema,
  type AkeneoAsset, type AkeneoAssetFamily, type AkeneoAssetUpsertResult
} from './asset-schemas.js'
import { createDefinitionCache } from './attribute-cache.js'
import { callSite, shapeError } from './errors.js'
import { postMultipart, type FileUpload } from './media-upload.js'
import { nextCall } from './paginate.js'
import type { AkeneoSend } from './request.js'

const MAX_ASSETS = 100
const AnyList = Type.Array(Type.Unknown())
const FAMILIES = 'api/rest/v1/asset-families'
const MEDIA = 'api/rest/v1/asset-media-files'
const enc = encodeURIComponent
const assetsPath = (family: string, code?: string): string => `${FAMILIES}/${enc(family)}/assets${code === undefined ? '' : `/${enc(code)}`}`

/** An asset media file: only the file part (the asset names it in its media attribute). */
export type AssetMediaUpload = FileUpload

/** An asset to upsert: its code and only the values to change (asset values say `channel`). */
export interface AssetUpsert { code: string, values: Record<string, Array<{ locale: string | null, channel: string | null, data: unknown }>> }

export interface AssetListOptions {
  /** Assets whose `updated` is after this instant; sent as ISO 8601 (products take another format). */
  updatedAfter?: Date
}

/** ISO 8601 to the second, `Z`: the form the Asset Manager's `updated` filter takes. */
export const assetSearchDate = (at: Date): string => at.toISOString().replace(/\.\d{3}Z$/, 'Z')

function parse<S extends TSchema> (site: { method: string, path: string }, status: number, body: Buffer, schema: S, what: string): Static<S> {
  const value: unknown = JSON.parse(body.toString())
  if (!Value.Check(schema, value)) throw shapeError(site, status, what, value, schema)
  return value
}

/** The Asset Manager calls (Enterprise / SaaS), on the client's `send`. */
export function createAssetManagerCalls (send: AkeneoSend, uploadTimeoutMs: number, familyCacheTtlMs: number) {
  // Families and their attributes change rarely (like attributes): kept for the TTL, a read
  // in flight shared by concurrent callers; a missing or failed look-up is not kept.
  const families = createDefinitionCache<AkeneoAssetFamily>(familyCacheTtlMs)
  async function getOne<S extends TSchema> (path: string, schema: S, what: string): Promise<Static<S> | null> {
    const response = await send({ method: 'GET', path, accept: [404] })
    if (response.statusCode === 404) return null
    return parse(callSite('GET', path), response.statusCode, response.body, schema, what)
  }

  async function readFamily (code: string): Promise<AkeneoAssetFamily | null> {
    const family = await getOne(`${FAMILIES}/${enc(code)}`, AkeneoAssetFamilySchema, 'asset family')
    if (family === null) return null
    const path = `${FAMILIES}/${enc(code)}/attributes`
    const response = await send({ method: 'GET', path })
    // A plain JSON array, not a page.
    const list = parse(callSite('GET', path), response.statusCode, response.body, AnyList, 'asset attribute list')
    const attributes = list.map((item) => {
      if (!Value.Check(AkeneoAssetAttributeSchema, item)) throw shapeError(callSite('GET', path), response.statusCode, 'asset attribute', item, AkeneoAssetAttributeSchema)
      return item
    })
    return { code: family.code, attributeAsMainMedia: family.attribute_as_main_media ?? null, attributes }
  }

  return {
    /** The family, its main-media attribute and all its attributes; null when the family does not exist (codes are case-sensitive). */
    getAssetFamily: async (code: string): Promise<AkeneoAssetFamily | null> => await families.get(code, async () => await readFamily(code)),

    getAsset: async (family: string, code: string): Promise<AkeneoAsset | null> =>
      await getOne(assetsPath(family, code), AkeneoAssetSchema, 'asset'),

    /**
     * Bulk upsert: a JSON array (not NDJSON) of ≤ 100 per call; the answer is 200 with one
     * `{code, status_code, …}` per item even when items fail, so each is returned.
     */
    async upsertAssets (family: string, assets: AssetUpsert[]): Promise<AkeneoAssetUpsertResult[]> {
      const path = assetsPath(family)
      const results: AkeneoAssetUpsertResult[] = []
      for (let i = 0; i < assets.length; i += MAX_ASSETS) {
        const chunk = assets.slice(i, i + MAX_ASSETS).map(({ code, values }) => ({ code, values }))
        const response = await send({ method: 'PATCH', path, json: chunk })
        const answer = parse(callSite('PATCH', path), response.statusCode, response.body, AnyList, 'asset upsert answer')
        for (const item of answer) {
          if (!Value.Check(AkeneoAssetUpsertResultSchema, item)) throw shapeError(callSite('PATCH', path), response.statusCode, 'asset upsert item', item, AkeneoAssetUpsertResultSchema)
          results.push(item)
        }
      }
      return results
    },

    /** True when deleted, false when it was already gone. */
    async deleteAsset (family: string, code: string): Promise<boolean> {
      const response = await send({ method: 'DELETE', path: assetsPath(family, code), accept: [404] })
      return response.statusCode !== 404
    },

    /** Uploads a file for a media_file attribute; returns its code (the `Asset-media-file-code` header). */
    async uploadAssetMediaFile (upload: AssetMediaUpload): Promise<string> {
      const response = await postMultipart(send, MEDIA, [], upload, uploadTimeoutMs)
      const header = response.headers['asset-media-file-code']
      const code = typeof header === 'string' && header !== '' ? header : undefined
      if (code === undefined) throw new UpstreamError({ api: 'akeneo', ...callSite('POST', MEDIA), status: response.statusCode, message: 'upload answer has no Asset-media-file-code' })
      return code
    },

    /** A family's assets, page by page (search_after), optionally only those updated after an instant. */
    async * listAssets (family: string, options: AssetListOptions = {}): AsyncGenerator<AkeneoAsset> {
      const searchParams: Record<string, string> = {}
      if (options.updatedAfter !== undefined) searchParams.search = JSON.stringify({ updated: [{ operator: '>', value: assetSearchDate(options.updatedAfter) }] })
      let call: { path: string, searchParams?: Record<string, string> } = { path: assetsPath(family), searchParams }
      for (;;) {
        const site = callSite('GET', call.path)
        const response = await send({ method: 'GET', ...call })
        const page = parse(site, response.statusCode, response.body, AkeneoAssetPageSchema, 'asset list page')
        // Parsed: the bytes go now, as the product paginator's do (see releaseBytes).
        releaseBytes(response.body)
        const items = page._embedded.items ?? page._embedded._items ?? []
        for (const item of items) {
          if (!Value.Check(AkeneoAssetSchema, item)) throw shapeError(site, response.statusCode, 'asset', item, AkeneoAssetSchema)
          yield item
        }
        const next = page._links.next?.href
        if (next === undefined || items.length === 0) return
        const following = nextCall(next)
        if (following === undefined) throw new UpstreamError({ api: 'akeneo', ...site, status: response.statusCode, message: 'next link is not an Akeneo API URL' })
        call = following
      }
    }
  }
}

export type AssetManagerCalls = ReturnType<typeof createAssetManagerCalls>
