import type { TSchema, Static } from 'typebox'
import { Value } from 'typebox/value'
import { releaseBytes } from '../release-bytes.js'
import { UpstreamError } from '../upstream-error.js'
import { callSite, shapeError } from './errors.js'
import type { AkeneoSend } from './request.js'
import { AkeneoListPageSchema } from './schemas.js'

/**
 * The next page's call: the link's `api/rest/…` path and its query, on the configured base
 * URL. Behind a TLS-terminating proxy Akeneo writes its links with the scheme and host it
 * sees (`http://internal:8080/…`; PHP client issues 169 and 245, PIM issue 11819), so the
 * link's origin is never used: the bearer token only ever goes to the configured host.
 */
export function nextCall (href: string): { path: string } | undefined {
  let url: URL
  try { url = new URL(href) } catch { return undefined }
  const at = url.pathname.indexOf('/api/rest/')
  return at === -1 ? undefined : { path: url.pathname.slice(at + 1) + url.search }
}

/**
 * Follows `_links.next.href` until there is none or a page is empty. The `search_after`
 * token is opaque (Akeneo: never build it yourself), so the link's path and query are used
 * as given (see `nextCall`).
 */
export async function * paginate<S extends TSchema> (
  send: AkeneoSend, path: string, searchParams: Record<string, string>, itemSchema: S, what: string
): AsyncGenerator<Static<S>> {
  let call: { path: string, searchParams?: Record<string, string> } = { path, searchParams }
  for (;;) {
    const site = callSite('GET', call.path)
    const response = await send({ method: 'GET', ...call })
    const page: unknown = JSON.parse(response.body.toString())
    // Parsed: the bytes go now, not at the next full collection (see releaseBytes).
    releaseBytes(response.body)
    if (!Value.Check(AkeneoListPageSchema, page)) throw shapeError(site, response.statusCode, 'list page', page, AkeneoListPageSchema)
    for (const item of page._embedded.items) {
      if (!Value.Check(itemSchema, item)) throw shapeError(site, response.statusCode, what, item, itemSchema)
      yield item
    }
    const next = page._links.next?.href
    if (next === undefined || page._embedded.items.length === 0) return
    const following = nextCall(next)
    if (following === undefined) throw new UpstreamError({ api: 'akeneo', ...site, status: response.statusCode, message: 'next link is not an Akeneo API URL' })
    call = following
  }
}
