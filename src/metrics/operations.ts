/**
 * Upstream paths as named operations (`GET /api/v4/media/{id}/`), so that label values stay
 * bounded: ids, codes and queries never reach a label. A path no template knows is `other`.
 */
const TEMPLATES: Record<'akeneo' | 'bynder', Array<[RegExp, string]>> = {
  bynder: [
    [/^\/api\/v4\/media\/$/, '/api/v4/media/'],
    [/^\/api\/v4\/media\/[^/]+\/download\/$/, '/api/v4/media/{id}/download/'],
    [/^\/api\/v4\/media\/[^/]+\/$/, '/api/v4/media/{id}/'],
    [/^\/api\/v4\/metaproperties\/$/, '/api/v4/metaproperties/'],
    [/^\/api\/v4\/metaproperties\/[^/]+\/options\/$/, '/api/v4/metaproperties/{id}/options/'],
    [/^\/api\/trash\/media\/?$/, '/api/trash/media']
  ],
  akeneo: [
    [/^\/api\/oauth\/v1\/token$/, '/api/oauth/v1/token'],
    [/^\/api\/rest\/v1\/products-uuid$/, '/api/rest/v1/products-uuid'],
    [/^\/api\/rest\/v1\/products-uuid\/[^/]+$/, '/api/rest/v1/products-uuid/{uuid}'],
    [/^\/api\/rest\/v1\/products\/[^/]+$/, '/api/rest/v1/products/{identifier}'],
    [/^\/api\/rest\/v1\/product-models$/, '/api/rest/v1/product-models'],
    [/^\/api\/rest\/v1\/product-models\/[^/]+$/, '/api/rest/v1/product-models/{code}'],
    [/^\/api\/rest\/v1\/attributes$/, '/api/rest/v1/attributes'],
    [/^\/api\/rest\/v1\/attributes\/[^/]+$/, '/api/rest/v1/attributes/{code}'],
    [/^\/api\/rest\/v1\/media-files$/, '/api/rest/v1/media-files'],
    // Media file codes hold slashes (`a/b/c/…_file.jpg`).
    [/^\/api\/rest\/v1\/media-files\/.+\/download$/, '/api/rest/v1/media-files/{code}/download'],
    // Asset Manager (EE / SaaS).
    [/^\/api\/rest\/v1\/asset-families\/[^/]+$/, '/api/rest/v1/asset-families/{family}'],
    [/^\/api\/rest\/v1\/asset-families\/[^/]+\/attributes$/, '/api/rest/v1/asset-families/{family}/attributes'],
    [/^\/api\/rest\/v1\/asset-families\/[^/]+\/assets$/, '/api/rest/v1/asset-families/{family}/assets'],
    [/^\/api\/rest\/v1\/asset-families\/[^/]+\/assets\/[^/]+$/, '/api/rest/v1/asset-families/{family}/assets/{code}'],
    [/^\/api\/rest\/v1\/asset-media-files$/, '/api/rest/v1/asset-media-files']
  ]
}

const METHODS = new Set(['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'HEAD'])

/** `path` may carry the base URL's own prefix and a query; both are dropped. */
export function operationOf (api: 'akeneo' | 'bynder', method: string, path: string): string {
  const verb = METHODS.has(method.toUpperCase()) ? method.toUpperCase() : 'OTHER'
  const bare = path.split('?')[0] ?? ''
  const start = bare.indexOf('/api/')
  const apiPath = start === -1 ? bare : bare.slice(start)
  for (const [pattern, name] of TEMPLATES[api]) if (pattern.test(apiPath)) return `${verb} ${name}`
  return `${verb} other`
}
