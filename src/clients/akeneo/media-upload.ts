import { randomBytes } from 'node:crypto'
import { Readable } from 'node:stream'
import { UpstreamError } from '../upstream-error.js'
import { callSite } from './errors.js'
import type { AkeneoSend } from './request.js'

export interface MediaUpload {
  /** A factory (lets a failed upload be retried) or a one-shot stream (never retried). */
  file: (() => Readable) | Readable
  filename: string
  contentType?: string
  target: { product: string } | { productModel: string }
  attribute: string
  locale?: string | null
  scope?: string | null
}

const PATH = 'api/rest/v1/media-files'

// WHATWG multipart/form-data escaping of names in Content-Disposition.
const quote = (value: string): string => value.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22')

/** Streams the multipart body: small text parts, then the file piped chunk by chunk (never buffered whole). */
export function multipartBody (boundary: string, fields: Array<[string, string]>, file: { filename: string, contentType: string, stream: Readable }): Readable {
  async function * parts (): AsyncGenerator<Buffer> {
    for (const [name, value] of fields) {
      yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`)
    }
    yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quote(file.filename)}"\r\nContent-Type: ${file.contentType}\r\n\r\n`)
    for await (const chunk of file.stream) yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string)
    yield Buffer.from(`\r\n--${boundary}--\r\n`)
  }
  return Readable.from(parts())
}

/** The media code is everything after `/media-files/` in `Location`; it contains slashes. */
export function mediaCodeFromLocation (location: string | undefined): string | undefined {
  const marker = '/api/rest/v1/media-files/'
  const at = location?.indexOf(marker) ?? -1
  if (location === undefined || at === -1) return undefined
  const code = location.slice(at + marker.length).split('/').map(segment => decodeURIComponent(segment)).join('/')
  return code === '' ? undefined : code
}

/** Uploads a file and links it to a product (by identifier) or product model in one call; returns the media code. */
export async function uploadMediaFile (send: AkeneoSend, upload: MediaUpload, timeoutMs: number): Promise<string> {
  // Akeneo requires `scope` and `locale` keys even when null, and exactly one of product / product_model.
  const where = { attribute: upload.attribute, scope: upload.scope ?? null, locale: upload.locale ?? null }
  const field: [string, string] = 'product' in upload.target
    ? ['product', JSON.stringify({ identifier: upload.target.product, ...where })]
    : ['product_model', JSON.stringify({ code: upload.target.productModel, ...where })]
  const boundary = `----bynder-akeneo-${randomBytes(12).toString('hex')}`
  const { file } = upload
  const response = await send({
    method: 'POST',
    path: PATH,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    body: () => multipartBody(boundary, [field], { filename: upload.filename, contentType: upload.contentType ?? 'application/octet-stream', stream: typeof file === 'function' ? file() : file }),
    retryable: typeof file === 'function',
    timeoutMs
  })
  const code = mediaCodeFromLocation(response.headers.location)
  if (code === undefined) {
    throw new UpstreamError({ api: 'akeneo', ...callSite('POST', PATH), status: response.statusCode, message: 'upload answer has no media-file Location' })
  }
  return code
}
