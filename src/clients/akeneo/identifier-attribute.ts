import type { Logger } from 'pino'
import { Type } from 'typebox'
import { UpstreamError } from '../upstream-error.js'
import { paginate } from './paginate.js'
import type { AkeneoSend } from './request.js'

/** Akeneo's standard install names its identifier attribute `sku`; integrators may choose another code. */
export const DEFAULT_IDENTIFIER_ATTRIBUTE = 'sku'

const IdentifierAttributeSchema = Type.Object({
  code: Type.String(),
  // SaaS with several identifier attributes marks the one products are known by.
  is_main_identifier: Type.Optional(Type.Boolean())
})

/**
 * The code of the PIM's identifier attribute, learned once per process from the attributes of
 * type `pim_catalog_identifier` (filter by type: pim-api-docs filter.md, since 4.0). The UUID
 * routes show a product's identifier only as that attribute's value, and the identifier filter
 * is named after it, so a PIM whose identifier is `ean` is read as such from day one.
 * A configured code wins; a failed look-up is asked again on the next call.
 */
export function createIdentifierAttribute (send: AkeneoSend, configured: string | undefined, logger: Logger | undefined): () => Promise<string> {
  let learned: Promise<string> | undefined
  return async () => {
    if (configured !== undefined) return configured
    learned ??= learn(send, logger).catch((error: unknown) => { learned = undefined; throw error })
    return await learned
  }
}

async function learn (send: AkeneoSend, logger: Logger | undefined): Promise<string> {
  const search = JSON.stringify({ type: [{ operator: 'IN', value: ['pim_catalog_identifier'] }] })
  const found: Array<{ code: string, is_main_identifier?: boolean }> = []
  try {
    for await (const attribute of paginate(send, 'api/rest/v1/attributes', { search, limit: '100' }, IdentifierAttributeSchema, 'attribute')) found.push(attribute)
  } catch (error) {
    // A PIM that refuses the type filter cannot tell: keep Akeneo's default rather than stop.
    if (!(error instanceof UpstreamError) || error.status !== 422) throw error
    logger?.warn({ identifierAttribute: DEFAULT_IDENTIFIER_ATTRIBUTE }, 'Akeneo refused the attribute type filter: assuming the identifier attribute is the default')
    return DEFAULT_IDENTIFIER_ATTRIBUTE
  }
  const chosen = pick(found)
  if (chosen === undefined) {
    logger?.warn({ identifierAttribute: DEFAULT_IDENTIFIER_ATTRIBUTE }, 'Akeneo lists no identifier attribute: assuming the default')
    return DEFAULT_IDENTIFIER_ATTRIBUTE
  }
  if (found.length > 1) logger?.info({ identifierAttribute: chosen, identifierAttributes: found.map(a => a.code) }, 'several identifier attributes: products are known by the main one')
  return chosen
}

/** The main identifier where several exist; else the default code if listed; else the first by code. */
function pick (found: Array<{ code: string, is_main_identifier?: boolean }>): string | undefined {
  const main = found.find(a => a.is_main_identifier === true)
  if (main !== undefined) return main.code
  if (found.some(a => a.code === DEFAULT_IDENTIFIER_ATTRIBUTE)) return DEFAULT_IDENTIFIER_ATTRIBUTE
  return found.map(a => a.code).sort()[0]
}
