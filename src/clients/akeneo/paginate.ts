import type { TSchema, Static } from 'typebox'
import { Value } from 'typebox/value'
import { UpstreamError } from '../upstream-error.js'
import { callSite, shapeError } from './errors.js'
import type { AkeneoSend } from './request.js'
import { AkeneoListPageSchema } from './schemas.js'

/**
 * Follows `_links.next.href` until there is none or a page is empty. The `search_after`
 * token is opaque (Akeneo: never build it yourself), so the link is used as given — but
 * only if it stays on the configured base URL, or the bearer token would go elsewhere.
 */
export async function * paginate<S extends TSchema> (
  send: AkeneoSend, baseUrl: string, path: string, searchParams: Record<string, string>, itemSchema: S, what: string
): AsyncGenerator<Static<S>> {
  const base = new URL(baseUrl.replace(/\/+$/, '') + '/')
  let call: { path: string, searchParams?: Record<string, string> } = { path, searchParams }
  for (;;) {
    const site = callSite('GET', call.path)
    const response = await send({ method: 'GET', ...call })
    const page: unknown = JSON.parse(response.body.toString())
    if (!Value.Check(AkeneoListPageSchema, page)) throw shapeError(site, response.statusCode, 'list page', page, AkeneoListPageSchema)
    for (const item of page._embedded.items) {
      if (!Value.Check(itemSchema, item)) throw shapeError(site, response.statusCode, what, item, itemSchema)
      yield item
    }
    const next = page._links.next?.href
    if (next === undefined || page._embedded.items.length === 0) return
    const url = new URL(next)
    if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) {
      throw new UpstreamError({ api: 'akeneo', ...site, status: response.statusCode, message: 'next link leaves the configured base URL' })
    }
    call = { path: url.pathname.slice(base.pathname.length) + url.search }
  }
}
