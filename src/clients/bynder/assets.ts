import { Type } from 'typebox'
import { Value } from 'typebox/value'
import { normalizeAsset, statedFlag, type Asset } from './asset.js'
import { invalidResponse } from './errors.js'
import { jsonArrayItems } from './json-items.js'
import { releaseBytes } from '../release-bytes.js'
import { formatBynderDate } from './format.js'
import type { BynderHttp } from './http.js'

export type AssetOrder = `${'dateModified' | 'dateCreated' | 'name'} ${'asc' | 'desc'}`

export interface ListAssetsQuery {
  /**
   * Modified at or after this second. Bynder's `dateModified` means "after" and may be
   * strict, so the client asks from one second earlier and drops what is older.
   */
  modifiedAfter?: Date
  /** `dateModifiedTo`: "up until" (inclusive). */
  modifiedBefore?: Date
  /** Default `dateModified asc`: pages stay stable while new edits arrive. */
  orderBy?: AssetOrder
  /** metaproperty name → option name: `property_<name>=<option>`, several = AND. */
  properties?: Record<string, string>
  ids?: string[]
  /** `false` active only, `true` archived only, `'any'` (default) both. */
  archive?: boolean | 'any'
  /** `false` unlimited only, `true` limited-usage only, `'any'` (default) both. */
  limited?: boolean | 'any'
  /** Page size, ≤ 1000 (Bynder's maximum). Default 1000. */
  pageSize?: number
}

/** One page of one (archive, limited) listing. */
export interface AssetPageQuery extends Omit<ListAssetsQuery, 'archive' | 'limited' | 'pageSize' | 'ids'> {
  archive: boolean
  limited: boolean
  ids?: string[]
  page: number
  pageSize: number
}

/**
 * `size` counts what Bynder answered (a full page means "there may be more"); `assets` what
 * fits the query, normalised only as it is iterated, once (see `listPage`).
 */
export interface AssetPage { size: number, assets: Iterable<Asset> }

// Bynder answers a plain array, `{media,total}` with total=1 or `{media,count}` with count=1.
const ListAnswerSchema = Type.Union([
  Type.Array(Type.Unknown()),
  Type.Object({ media: Type.Array(Type.Unknown()) }, { additionalProperties: true })
])

const LIST_PATH = '/api/v4/media/'

/** A SyntaxError from parsing a list answer is the invalid response it is; other errors stay. */
const asInvalid = (status: number, err: unknown): unknown =>
  err instanceof SyntaxError ? invalidResponse('GET', LIST_PATH, status, `not JSON: ${err.message}`) : err

/**
 * The assets of a list answer that `keep` keeps. A plain array is parsed and normalised item
 * by item as `assets` is iterated (see `jsonArrayItems`): a replay judges each listed asset
 * and drops it before the next is parsed, so the page's thousand assets never sit in V8's
 * old generation together (issue 14). An item Bynder sent malformed therefore fails the
 * listing where it is reached. The object forms are parsed whole.
 */
function listPage (body: Buffer, status: number, normalize: (raw: unknown, path: string) => Asset, keep: (asset: Asset) => boolean): AssetPage {
  let items: ReturnType<typeof jsonArrayItems>
  try {
    items = jsonArrayItems(body)
    if (items === undefined) {
      const whole: unknown = JSON.parse(body.toString())
      if (!Value.Check(ListAnswerSchema, whole)) throw invalidResponse('GET', LIST_PATH, status, 'not a media list')
      const media = (Array.isArray(whole) ? whole : whole.media).map((raw) => normalize(raw, LIST_PATH))
      return { size: media.length, assets: media.filter(keep) }
    }
  } catch (err) {
    throw asInvalid(status, err)
  }
  return { size: items.count, assets: readOnce(items, body, status, normalize, keep) }
}

/** The page's assets as they are reached; its bytes are released once the last is read (or the reader stops). */
function * readOnce (raws: Iterable<unknown>, body: Buffer, status: number, normalize: (raw: unknown, path: string) => Asset, keep: (asset: Asset) => boolean): Generator<Asset> {
  try {
    for (const raw of raws) {
      const asset = normalize(raw, LIST_PATH)
      if (keep(asset)) yield asset
    }
  } catch (err) {
    throw asInvalid(status, err)
  } finally {
    releaseBytes(body)
  }
}

const IDS_PER_CALL = 100 // keeps the URL short

/**
 * What this portal's own answers proved about `limited`. `flagMeansAll`: a `limited=1` answer
 * held an asset saying it is not limited. `defaultMeansAll`: an answer without `limited` held
 * one saying it is. Neither expires within the process, safely: an answer that contradicts
 * "only" cannot come from a portal reading "only", nor one that contradicts "left out by
 * default" from a portal reading that, so the reading ruled out stays ruled out (assuming
 * Bynder does not change a portal's reading under a running process). An absent flag proves
 * nothing: it would read as "not limited" whatever the asset is.
 */
interface LimitedEvidence { flagMeansAll: boolean, defaultMeansAll: boolean }

/**
 * Archived and limited-usage assets are listed in separate passes and every page is filtered
 * by the asset's own flags, so the listing is right under each reading of the two unsettled
 * filters (bynder-api.md, audited facts): `archive=0` may mean "active only" or "no filter"
 * (`archive=1` is "only archived"); `limited=1` may mean "also" (Java SDK: then the default
 * leaves limited assets out) or "only" (OpenAPI). Pass 1 (no `limited`) keeps the unlimited
 * ones, pass 2 (`limited=1`) the limited ones: each asset comes from exactly one pass.
 * Once an answer of this portal rules a reading out (`LimitedEvidence`), a listing of both
 * kinds takes one pass that holds them all.
 */
export function assetsApi (http: BynderHttp): {
  getAsset: (id: string, options?: { withFileFingerprint?: boolean }) => Promise<Asset | null>
  listAssets: (query?: ListAssetsQuery) => AsyncIterable<Asset>
  listAssetPage: (query: AssetPageQuery) => Promise<AssetPage>
} {
  const normalize = (raw: unknown, path: string): Asset => {
    try { return normalizeAsset(raw) } catch (err) { throw invalidResponse('GET', path, 200, (err as Error).message) }
  }

  const evidence: LimitedEvidence = { flagMeansAll: false, defaultMeansAll: false }
  const noting = (sentLimited: boolean) => (raw: unknown, path: string): Asset => {
    const asset = normalize(raw, path)
    const stated = statedFlag((raw as { limited?: unknown }).limited)
    if (sentLimited && stated === false) evidence.flagMeansAll = true
    if (!sentLimited && stated === true) evidence.defaultMeansAll = true
    return asset
  }

  // `query.limited` is what is sent, `keep` which kinds of the answer are kept.
  const readPage = async (query: AssetPageQuery, keep: boolean | 'any'): Promise<AssetPage> => {
    const searchParams = { ...baseParams(query), page: String(query.page), limit: String(query.pageSize) }
    const { status, body } = await http.request('GET', 'api/v4/media/', { searchParams, raw: true })
    const floor = query.modifiedAfter === undefined ? undefined : second(query.modifiedAfter.getTime())
    // Evidence is noted as the page is read: `listAssets` reads a whole page before it picks the next pass.
    return listPage(body as Buffer, status, noting(query.limited), (a) => a.archive === query.archive && (keep === 'any' || a.limited === keep) &&
      (floor === undefined || !(Date.parse(a.dateModified) < floor)))
  }
  const listAssetPage = async (query: AssetPageQuery): Promise<AssetPage> => await readPage(query, query.limited)

  return {
    async getAsset (id, options = {}) {
      const path = `api/v4/media/${encodeURIComponent(id)}/`
      // `versions=1` adds the media items (same call): the original's id fingerprints the file.
      const { status, body } = await http.request('GET', path, {
        acceptStatuses: [404],
        ...(options.withFileFingerprint === true ? { searchParams: { versions: '1' } } : {})
      })
      return status === 404 ? null : normalize(body, `/${path}`)
    },

    listAssetPage,

    async * listAssets (query = {}) {
      const pageSize = query.pageSize ?? 1000
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) throw new RangeError('pageSize must be between 1 and 1000')
      // An empty id list means no asset (Bynder may read an empty `ids` as no filter at all).
      if (query.ids?.length === 0) return
      const idChunks = query.ids === undefined ? [undefined] : chunk(query.ids, IDS_PER_CALL)
      for (const archive of flags(query.archive)) {
        // Chosen per archive pass: evidence from the first serves the second.
        for (const { limited, keep } of limitedPasses(query.limited, evidence)) {
          for (const ids of idChunks) {
            for (let page = 1; ; page++) {
              const { size, assets } = await readPage({ ...query, archive, limited, ...(ids === undefined ? {} : { ids }), page, pageSize }, keep)
              yield * assets
              // No pagination headers: a short page is the last one.
              if (size < pageSize) break
            }
          }
        }
      }
    }
  }
}

const second = (ms: number): number => Math.floor(ms / 1000) * 1000

function flags (value: boolean | 'any' | undefined): boolean[] {
  return value === undefined || value === 'any' ? [false, true] : [value]
}

/**
 * (sent `limited`, kept kinds) passes that list `wanted` under every reading not yet ruled
 * out. One kind: its own pass (no `limited` holds every unlimited asset under each reading,
 * `limited=1` every limited one). Both: two passes, or one that the evidence says holds all.
 */
function limitedPasses (wanted: boolean | 'any' | undefined, evidence: LimitedEvidence): Array<{ limited: boolean, keep: boolean | 'any' }> {
  if (typeof wanted === 'boolean') return [{ limited: wanted, keep: wanted }]
  if (evidence.defaultMeansAll) return [{ limited: false, keep: 'any' }]
  if (evidence.flagMeansAll) return [{ limited: true, keep: 'any' }]
  return [{ limited: false, keep: false }, { limited: true, keep: true }]
}

function baseParams (query: AssetPageQuery): Record<string, string> {
  // `archive=1` is the documented filter; `archive=0` is sent too but not relied on (see above).
  const params: Record<string, string> = { orderBy: query.orderBy ?? 'dateModified asc', archive: query.archive ? '1' : '0' }
  if (query.limited) params.limited = '1'
  if (query.modifiedAfter !== undefined) params.dateModified = formatBynderDate(new Date(second(query.modifiedAfter.getTime()) - 1000))
  if (query.modifiedBefore !== undefined) params.dateModifiedTo = formatBynderDate(query.modifiedBefore)
  if (query.ids !== undefined) params.ids = query.ids.join(',')
  for (const [name, option] of Object.entries(query.properties ?? {})) params[`property_${name}`] = option
  return params
}

function chunk<T> (items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
