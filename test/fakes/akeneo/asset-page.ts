import { AkeneoHttpError } from './errors.js'
import type { Query } from './paginate.js'

/** Asset Manager lists: search_after only, 100 per page, no `limit`/`page` (pim-api-docs parameters). */
export const ASSET_PAGE_SIZE = 100

export interface AssetPageRequest<T> {
  baseUrl: string
  path: string
  query: Query
  /** Query parameters this list takes besides `search_after`. */
  allowed: readonly string[]
  items: Array<{ key: string, item: T }>
  show: (item: T) => unknown
  embeddedKey: 'items' | '_items'
}

const encode = (key: string): string => Buffer.from(key).toString('base64url')
function decode (token: string): string {
  const key = Buffer.from(token, 'base64url').toString('utf8')
  if (token === '' || encode(key) !== token) throw new AkeneoHttpError(422, 'Parameter "search_after" is not valid.')
  return key
}

export function assetPage<T> (req: AssetPageRequest<T>): Record<string, unknown> {
  // Assumption, stricter side: a parameter these routes do not document is refused, not ignored.
  for (const name of Object.keys(req.query)) {
    if (name !== 'search_after' && !req.allowed.includes(name)) throw new AkeneoHttpError(422, `Parameter "${name}" is not supported by this list (search_after pagination only).`)
  }
  const sorted = [...req.items].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  const after = req.query.search_after === undefined ? undefined : decode(req.query.search_after)
  const start = after === undefined ? 0 : sorted.filter((e) => e.key <= after).length
  const slice = sorted.slice(start, start + ASSET_PAGE_SIZE)
  const link = (searchAfter?: string): { href: string } => {
    const params = new URLSearchParams()
    for (const [name, value] of Object.entries(req.query)) if (name !== 'search_after' && value !== undefined) params.set(name, value)
    if (searchAfter !== undefined) params.set('search_after', searchAfter)
    const text = params.toString()
    return { href: `${req.baseUrl}/api/rest/v1/${req.path}${text === '' ? '' : `?${text}`}` }
  }
  const links: Record<string, { href: string }> = { self: link(req.query.search_after), first: link() }
  if (start + ASSET_PAGE_SIZE < sorted.length) links.next = link(encode(slice[slice.length - 1]?.key ?? ''))
  return { _links: links, _embedded: { [req.embeddedKey]: slice.map((e) => req.show(e.item)) } }
}
