import { Type } from 'typebox'
import { Value } from 'typebox/value'
import { UpstreamError } from '../upstream-error.js'
import type { Asset } from './asset.js'
import { invalidResponse } from './errors.js'
import type { BynderHttp } from './http.js'

const DownloadAnswerSchema = Type.Object({ s3_file: Type.String({ minLength: 1 }) }, { additionalProperties: true })

export class DerivativeNotFoundError extends Error {
  override readonly name = 'DerivativeNotFoundError'
  constructor (readonly assetId: string, readonly derivative: string, available: string[]) {
    super(`Bynder asset ${assetId} has no derivative "${derivative}" (available: ${available.join(', ') || 'none'})`)
  }
}

/**
 * The roles the token's user needs to download this asset's original (bynder-api.md,
 * audited facts): MEDIAHIGHRES always, ARCHIVEDOWNLOAD when archived, DOWNLOADWATERMARK when
 * watermarked, KEYVISUALSDOWNLOAD when limited-usage.
 */
export function originalDownloadRoles (asset: Pick<Asset, 'archive' | 'watermarked' | 'limited'>): string[] {
  return [
    'MEDIAHIGHRES',
    ...(asset.archive ? ['ARCHIVEDOWNLOAD (archived asset)'] : []),
    ...(asset.watermarked ? ['DOWNLOADWATERMARK (watermarked asset)'] : []),
    ...(asset.limited ? ['KEYVISUALSDOWNLOAD (limited-usage asset)'] : [])
  ]
}

/**
 * `original` goes through the download endpoint (answers a temporary `s3_file` URL); a
 * derivative is the asset's `thumbnails[<name>]` URL. Bynder's 403 does not name the missing
 * role, so the error names every role this asset needs; a 403 is not retried (a rights
 * problem of the token's user, fixed in Bynder).
 */
export async function getDownloadUrl (http: BynderHttp, asset: Asset, source: string): Promise<string> {
  if (source !== 'original') {
    const url = asset.thumbnails[source]
    if (url === undefined) throw new DerivativeNotFoundError(asset.id, source, Object.keys(asset.thumbnails))
    return url
  }
  const path = `api/v4/media/${encodeURIComponent(asset.id)}/download/`
  let answer: { status: number, body: unknown }
  try {
    answer = await http.request('GET', path)
  } catch (error) {
    if (!(error instanceof UpstreamError) || error.status !== 403) throw error
    throw new UpstreamError({
      api: 'bynder', method: 'GET', path: `/${path}`, status: 403,
      message: `the token's user may not download the original of asset ${asset.id}: it needs the role(s) ${originalDownloadRoles(asset).join(', ')} in Bynder`
    })
  }
  if (!Value.Check(DownloadAnswerSchema, answer.body)) throw invalidResponse('GET', `/${path}`, answer.status, 'no s3_file')
  return answer.body.s3_file
}
