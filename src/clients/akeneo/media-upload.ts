import { randomBytes } from 'node:crypto'
import { Readable } from 'node:stream'
import { UpstreamError } from '../upstream-error.js'
import { callSite } from './errors.js'
import type { Response } from 'got'
import type { AkeneoSend } from './request.js'

/** A file sent as the `file` part of an Akeneo multipart upload. */
export interface FileUpload {
  /** A factory (lets a failed upload be retried) or a one-shot stream (never retried). */
  file: (() => Readable) | Readable
  /**
   * The file's exact length in bytes. PHP stacks (Akeneo Cloud included) read multipart
   * fields only from a body of known length: a chunked upload is answered 422 "You should at
   * least give one of the following properties" (pim-community-dev#12441).
   */
  size: number
  filename: string
  contentType?: string
}

export interface MediaUpload extends FileUpload {
  target: { product: string } | { productModel: string }
  attribute: string
  locale?: string | null
  scope?: string | null
}

const PATH = 'api/rest/v1/media-files'

// WHATWG multipart/form-data escaping of names in Content-Disposition.
const quote = (value: string): string => value.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22')

export interface MultipartBody {
  /** The exact byte length, sent as Content-Length. */
  length: number
  /** Opens the body for one attempt: small text parts, then the file piped chunk by chunk (never buffered whole). */
  open: (file: Readable) => Readable
}

export function multipartBody (boundary: string, fields: Array<[string, string]>, file: { filename: string, contentType: string, size: number }): MultipartBody {
  const head = Buffer.from(fields.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`).join('') +
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quote(file.filename)}"\r\nContent-Type: ${file.contentType}\r\n\r\n`)
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  async function * parts (stream: Readable): AsyncGenerator<Buffer> {
    yield head
    let sent = 0
    for await (const chunk of stream) {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string)
      sent += bytes.length
      // A body longer or shorter than its Content-Length would be cut or hang at the PIM: fail the attempt instead.
      if (sent > file.size) throw new Error(`media file is longer than its announced ${file.size} bytes`)
      yield bytes
    }
    if (sent !== file.size) throw new Error(`media file has ${sent} bytes, ${file.size} announced`)
    yield tail
  }
  return { length: head.length + file.size + tail.length, open: (stream) => Readable.from(parts(stream)) }
}

/** The media code is everything after `/media-files/` in `Location`; it contains slashes. */
export function mediaCodeFromLocation (location: string | undefined): string | undefined {
  const marker = '/api/rest/v1/media-files/'
  const at = location?.indexOf(marker) ?? -1
  if (location === undefined || at === -1) return undefined
  const code = location.slice(at + marker.length).split('/').map(segment => decodeURIComponent(segment)).join('/')
  return code === '' ? undefined : code
}

/**
 * POSTs `fields` and the file as multipart/form-data with its exact Content-Length; retried
 * only when the file can be opened again. Both Akeneo uploads (product media, asset media) go
 * through here.
 */
export async function postMultipart (send: AkeneoSend, path: string, fields: Array<[string, string]>, upload: FileUpload, timeoutMs: number): Promise<Response<Buffer>> {
  if (!Number.isSafeInteger(upload.size) || upload.size < 0) throw new RangeError(`upload to ${path}: size must be a byte count, got ${upload.size}`)
  const boundary = `----bynder-akeneo-${randomBytes(12).toString('hex')}`
  const body = multipartBody(boundary, fields, { filename: upload.filename, contentType: upload.contentType ?? 'application/octet-stream', size: upload.size })
  const { file } = upload
  return await send({
    method: 'POST',
    path,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(body.length) },
    body: () => body.open(typeof file === 'function' ? file() : file),
    retryable: typeof file === 'function',
    timeoutMs
  })
}

/** Uploads a file and links it to a product (by identifier) or product model in one call; returns the media code. */
export async function uploadMediaFile (send: AkeneoSend, upload: MediaUpload, timeoutMs: number): Promise<string> {
  // Akeneo requires `scope` and `locale` keys even when null, and exactly one of product / product_model.
  const where = { attribute: upload.attribute, scope: upload.scope ?? null, locale: upload.locale ?? null }
  const field: [string, string] = 'product' in upload.target
    ? ['product', JSON.stringify({ identifier: upload.target.product, ...where })]
    : ['product_model', JSON.stringify({ code: upload.target.productModel, ...where })]
  const response = await postMultipart(send, PATH, [field], upload, timeoutMs)
  const code = mediaCodeFromLocation(response.headers.location)
  if (code === undefined) {
    throw new UpstreamError({ api: 'akeneo', ...callSite('POST', PATH), status: response.statusCode, message: 'upload answer has no media-file Location' })
  }
  return code
}
