import { Type } from 'typebox'
import { Value } from 'typebox/value'
import type { AkeneoSend } from './request.js'

/**
 * What the PIM offers this service. `uuidApi`: the `products-uuid` routes (`x-from-version
 * 7.0`, and SaaS); 5.x/6.x have only the identifier routes and products without `uuid`.
 * `version`/`edition`: the system-information endpoint (6.0+), when it answers.
 * `workflowStatuses`: EE's `metadata.workflow_status` of a sample of products, by status.
 */
export interface AkeneoPlatform {
  uuidApi: boolean
  version: string | null
  edition: string | null
  sampled: number
  workflowStatuses: Record<string, number>
}

export class UnsupportedAkeneoError extends Error {
  override readonly name = 'UnsupportedAkeneoError'
  readonly retryable = false
}

const SystemInformationSchema = Type.Object({ version: Type.String(), edition: Type.String() })
const SampleSchema = Type.Object({ _embedded: Type.Object({ items: Type.Array(Type.Object({ metadata: Type.Optional(Type.Object({ workflow_status: Type.Optional(Type.String()) })) })) }) })

export const SUPPORTED_VERSIONS = 'Akeneo 7.0 or later, or Akeneo SaaS (Serenity, Growth)'

export async function describePlatform (send: AkeneoSend, sampleSize = 10): Promise<AkeneoPlatform> {
  const list = await send({ method: 'GET', path: 'api/rest/v1/products-uuid', searchParams: { limit: String(sampleSize), pagination_type: 'search_after' }, accept: [404] })
  const platform: AkeneoPlatform = { uuidApi: list.statusCode !== 404, version: null, edition: null, sampled: 0, workflowStatuses: {} }
  if (platform.uuidApi) {
    const page: unknown = JSON.parse(list.body.toString())
    if (Value.Check(SampleSchema, page)) {
      platform.sampled = page._embedded.items.length
      for (const item of page._embedded.items) {
        const status = item.metadata?.workflow_status
        if (status !== undefined) platform.workflowStatuses[status] = (platform.workflowStatuses[status] ?? 0) + 1
      }
    }
  }
  const info = await send({ method: 'GET', path: 'api/rest/v1/system-information', accept: [403, 404, 406] })
  if (info.statusCode === 200) {
    let body: unknown
    try { body = JSON.parse(info.body.toString()) } catch { body = undefined }
    if (Value.Check(SystemInformationSchema, body)) Object.assign(platform, { version: body.version, edition: body.edition })
  }
  return platform
}

/** The refusal for a PIM without the UUID API, naming its version when it said it. */
export function unsupportedMessage (platform: AkeneoPlatform): string {
  const said = platform.version === null ? '' : ` (it reports version ${platform.version}, edition ${platform.edition ?? 'unknown'})`
  return `this Akeneo has no /api/rest/v1/products-uuid routes${said}: the connector needs ${SUPPORTED_VERSIONS}; 5.x and 6.x are not supported`
}

/**
 * What `check` can tell about the connection's EE rights from a sample of products: a
 * `workflow_status` other than `working_copy` means it cannot own them, so a PATCH or upload
 * becomes a draft (edit rights) or is refused (view only). An edit-only product without a
 * draft yet also shows `working_copy` (EE's GetWorkflowStatusForProduct), so silence proves nothing.
 */
export function rightsWarning (platform: AkeneoPlatform): string | null {
  const notOwned = Object.entries(platform.workflowStatuses).filter(([status]) => status !== 'working_copy')
  if (notOwned.length === 0) return null
  const count = notOwned.reduce((sum, [, n]) => sum + n, 0)
  return `${count} of ${platform.sampled} sampled products are not owned by the connection's user (workflow status ${notOwned.map(([status, n]) => `${status} ×${n}`).join(', ')}): ` +
    'links written to them become drafts or are refused; give its user group "own" rights on their categories'
}
