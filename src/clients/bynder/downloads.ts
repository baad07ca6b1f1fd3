import { Type } from 'typebox'
import { Value } from 'typebox/value'
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
 * `original` goes through the download endpoint (needs MEDIAHIGHRES; answers a temporary
 * `s3_file` URL); a derivative is the asset's `thumbnails[<name>]` URL.
 */
export async function getDownloadUrl (http: BynderHttp, asset: Asset, source: string): Promise<string> {
  if (source !== 'original') {
    const url = asset.thumbnails[source]
    if (url === undefined) throw new DerivativeNotFoundError(asset.id, source, Object.keys(asset.thumbnails))
    return url
  }
  const path = `api/v4/media/${encodeURIComponent(asset.id)}/download/`
  const { status, body } = await http.request('GET', path)
  if (!Value.Check(DownloadAnswerSchema, body)) throw invalidResponse('GET', `/${path}`, status, 'no s3_file')
  return body.s3_file
}
