import { AkeneoHttpError } from './errors.js'
import { firstKeyAfter } from './sorted-keys-map.js'

export type Query = Record<string, string | undefined>

/**
 * What a list route pages through: `keys` in ascending order, the item at each index, and
 * the search filter. Matching is lazy so a search_after page costs O(log n + what it scans).
 */
export interface Listing<T> {
  keys: readonly string[]
  itemAt: (index: number) => T
  matches: (item: T) => boolean
}

export interface PageRequest<T> {
  baseUrl: string
  path: string
  query: Query
  /** Every matching item with its sort key (uuid or code), in any order; or a sorted listing. */
  items: Array<{ key: string, item: T }> | Listing<T>
  show: (item: T) => unknown
  searchAfter: boolean
}

const MAX_LIMIT = 100

function readLimit (raw: string | undefined): number {
  if (raw === undefined) return 10
  const limit = Number(raw)
  if (!Number.isInteger(limit) || limit < 1) throw new AkeneoHttpError(422, `"${raw}" is not a valid limit number.`)
  if (limit > MAX_LIMIT) throw new AkeneoHttpError(422, `You cannot request more than ${MAX_LIMIT} items.`)
  return limit
}

// The token is opaque to clients (they must follow `_links.next.href`); here it hides the last key.
const encodeToken = (key: string): string => Buffer.from(JSON.stringify({ k: key })).toString('base64url')
function decodeToken (token: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { k?: unknown }
    if (typeof parsed.k === 'string') return parsed.k
  } catch { /* fall through */ }
  throw new AkeneoHttpError(422, 'Parameter "search_after" is not valid.')
}

function href (req: { baseUrl: string, path: string, query: Query }, changes: Query): string {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries({ ...req.query, ...changes })) {
    if (value !== undefined) params.set(name, value)
  }
  return `${req.baseUrl}/api/rest/v1/${req.path}?${params.toString()}`
}

function sortedListing<T> (items: Array<{ key: string, item: T }>): Listing<T> {
  const sorted = [...items].sort((a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  return { keys: sorted.map(e => e.key), itemAt: index => sorted[index]!.item, matches: () => true }
}

/** From index `start`, passes over `skip` matches, takes `limit`, then looks for one more. */
function collect<T> (listing: Listing<T>, start: number, skip: number, limit: number): { slice: Array<{ key: string, item: T }>, hasMore: boolean } {
  const slice: Array<{ key: string, item: T }> = []
  let skipped = 0
  for (let i = start; i < listing.keys.length; i++) {
    const key = listing.keys[i]!
    const item = listing.itemAt(i)
    if (!listing.matches(item)) continue
    if (skipped < skip) skipped++
    else if (slice.length < limit) slice.push({ key, item })
    else return { slice, hasMore: true }
  }
  return { slice, hasMore: false }
}

/** Builds `{_links: {self, first, next?}, _embedded: {items}}` for page or search_after pagination. */
export function listPage<T> (req: PageRequest<T>): Record<string, unknown> {
  const limit = readLimit(req.query.limit)
  const type = req.query.pagination_type ?? 'page'
  if (type !== 'page' && (type !== 'search_after' || !req.searchAfter)) {
    throw new AkeneoHttpError(422, `Pagination type "${type}" is not supported.`)
  }
  const listing = Array.isArray(req.items) ? sortedListing(req.items) : req.items
  let start = 0
  let skip = 0
  if (type === 'search_after') {
    const after = req.query.search_after === undefined ? undefined : decodeToken(req.query.search_after)
    start = after === undefined ? 0 : firstKeyAfter(listing.keys, after)
  } else {
    const page = Number(req.query.page ?? '1')
    if (!Number.isInteger(page) || page < 1) throw new AkeneoHttpError(422, `"${req.query.page ?? ''}" is not a valid page number.`)
    skip = (page - 1) * limit
  }
  const { slice, hasMore } = collect(listing, start, skip, limit)
  const links: Record<string, { href: string }> = {
    self: { href: href(req, {}) },
    first: { href: href(req, { search_after: undefined, page: type === 'page' ? '1' : undefined }) }
  }
  if (hasMore) {
    links.next = { href: type === 'search_after' ? href(req, { search_after: encodeToken(slice[slice.length - 1]?.key ?? '') }) : href(req, { page: String(Number(req.query.page ?? '1') + 1) }) }
  }
  return { _links: links, current_page: type === 'page' ? Number(req.query.page ?? '1') : undefined, _embedded: { items: slice.map(e => req.show(e.item)) } }
}
