import { createHash } from 'node:crypto'
import { extname } from 'node:path'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { recordChange } from './changes.js'
import type { FakeControls } from './controls.js'
import { patchProduct, patchProductModel, type PatchResult } from './entities.js'
import { AkeneoHttpError, notFound, validationFailed } from './errors.js'
import { mediaCodePath, showMediaFile } from './serialize.js'
import { findProductByIdentifier, type FakeAkeneoState, type FakeMediaFile, type FakeProduct, type FakeProductModel } from './state.js'
import { summarise } from './traffic.js'

const BASE = '/api/rest/v1/media-files'

interface Upload { fields: Record<string, string>, file?: { filename: string, mimetype: string, bytes: Buffer } }

async function readUpload (request: FastifyRequest): Promise<Upload> {
  const upload: Upload = { fields: {} }
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file') { await part.toBuffer(); continue }
      upload.file = { filename: part.filename, mimetype: part.mimetype, bytes: await part.toBuffer() }
    } else {
      upload.fields[part.fieldname] = String(part.value)
    }
  }
  summarise(request, { fields: Object.keys(upload.fields), file: upload.file === undefined ? null : { filename: upload.file.filename, size: upload.file.bytes.length } })
  return upload
}

function readTarget (kind: 'product' | 'product_model', raw: string): { id: string, attribute: string, locale: string | null, scope: string | null } {
  const idKey = kind === 'product' ? 'identifier' : 'code'
  let target: Record<string, unknown> | null
  try { target = JSON.parse(raw) } catch { target = null }
  if (target === null || typeof target !== 'object') throw new AkeneoHttpError(400, 'Invalid json message received')
  // `scope` and `locale` must be present even when null (MediaFileController::get…DecodedContent).
  if (typeof target[idKey] !== 'string' || typeof target.attribute !== 'string' || !('scope' in target) || !('locale' in target)) {
    throw new AkeneoHttpError(422, `${kind === 'product' ? 'Product' : 'Product model'} property must contain "${idKey}", "attribute", "locale" and "scope" properties.`)
  }
  return { id: target[idKey] as string, attribute: target.attribute, locale: target.locale as string | null, scope: target.scope as string | null }
}

let lastMicros = 0

/** PHP's `microtime()`: "0.<micro>00 <seconds>", strictly increasing here so codes never collide. */
function microtime (): string {
  lastMicros = Math.max(lastMicros + 1, Math.floor(performance.timeOrigin * 1000 + performance.now() * 1000))
  return `0.${String(lastMicros % 1_000_000).padStart(6, '0')}00 ${Math.floor(lastMicros / 1_000_000)}`
}

/**
 * Akeneo's storage key (FileStorage PathGenerator): sha1(original name . microtime()), its
 * first four characters as folders, then `<sha1>_<name>` with every character outside
 * `[A-Za-z0-9.]` turned into `_` (cut to 95 characters plus the extension beyond 100). The
 * hash is of the name and the time, not of the bytes: a code says nothing about the content.
 */
export function mediaFileCode (filename: string, extension: string): string {
  const uuid = createHash('sha1').update(filename + microtime()).digest('hex')
  let sanitized = filename.replace(/[^A-Za-z0-9.]/g, '_')
  if (sanitized.length > 100) sanitized = `${sanitized.slice(0, 95)}.${extension}`
  return `${uuid[0]}/${uuid[1]}/${uuid[2]}/${uuid[3]}/${uuid}_${sanitized}`
}

/** What PHP makes of a body without Content-Length (chunked): no form fields, no files. */
async function discardChunked (request: FastifyRequest): Promise<Upload> {
  await new Promise<void>((resolve) => { request.raw.once('end', resolve).once('error', () => { resolve() }).resume() })
  summarise(request, { fields: [], file: null, chunked: true })
  return { fields: {} }
}

/**
 * Upload-and-link in one call: 201, empty body, `Location` with the (slash-containing) code.
 * The checks come in the order of the CE MediaFileController: target keys, target JSON,
 * target exists, then the file.
 */
export function registerMediaFileRoutes (app: FastifyInstance, state: FakeAkeneoState, controls: FakeControls): void {
  app.post(BASE, async (request, reply) => {
    if (!request.isMultipart()) throw new AkeneoHttpError(415, 'The "Content-Type" header must be "multipart/form-data".')
    const { fields, file } = request.headers['content-length'] === undefined ? await discardChunked(request) : await readUpload(request)
    const kinds = (['product', 'product_model'] as const).filter(k => k in fields)
    if (kinds.length === 2) throw new AkeneoHttpError(422, 'You should give either a "product" or a "product_model" key.')
    if (kinds.length === 0) throw new AkeneoHttpError(422, 'You should at least give one of the following properties: "product" or "product_model".')
    const kind = kinds[0] as 'product' | 'product_model'
    const target = readTarget(kind, fields[kind] as string)
    if (kind === 'product' && findProductByIdentifier(state, target.id) === undefined) throw new AkeneoHttpError(422, `Product "${target.id}" does not exist.`)
    if (kind === 'product_model' && !state.productModels.has(target.id)) throw new AkeneoHttpError(422, `Product model "${target.id}" does not exist.`)
    if (file === undefined) throw new AkeneoHttpError(422, 'Property "file" is required.')
    const attribute = state.attributes.get(target.attribute)
    if (attribute !== undefined && attribute.type !== 'pim_catalog_image' && attribute.type !== 'pim_catalog_file') {
      throw validationFailed([{ property: 'attribute', message: `The "${target.attribute}" attribute does not accept files.`, attribute: target.attribute, locale: target.locale, scope: target.scope }])
    }
    const extension = extname(file.filename).slice(1).toLowerCase()
    if (attribute !== undefined && attribute.allowed_extensions.length > 0 && !attribute.allowed_extensions.includes(extension)) {
      throw validationFailed([{ property: 'values', message: `The ${extension} file extension is not allowed for the ${attribute.code} attribute.`, attribute: attribute.code, locale: target.locale, scope: target.scope }])
    }
    const code = mediaFileCode(file.filename, extension)
    const patch = { values: { [target.attribute]: [{ locale: target.locale, scope: target.scope, data: code }] } }
    const pending = new Set([code])
    // Validate and link before keeping the file: on a 422 the file is not kept.
    let linked: { kind: 'product', result: PatchResult<FakeProduct> } | { kind: 'product_model', result: PatchResult<FakeProductModel> }
    if (kind === 'product') {
      const product = findProductByIdentifier(state, target.id) as FakeProduct
      linked = { kind, result: patchProduct(state, { uuid: product.uuid }, patch, pending) }
    } else {
      linked = { kind, result: patchProductModel(state, target.id, patch, pending) }
    }
    const media: FakeMediaFile = { code, original_filename: file.filename, mime_type: file.mimetype, size: file.bytes.length, extension, bytes: file.bytes }
    state.mediaFiles.set(code, media)
    recordChange(state, controls, request, linked)
    return reply.code(201).header('location', `${state.baseUrl}${BASE}/${mediaCodePath(code)}`).send()
  })

  // Codes contain slashes, so one wildcard route serves metadata and `/download`.
  app.get<{ Params: { '*': string } }>(`${BASE}/*`, async (request, reply) => {
    const rest = request.params['*']
    const download = rest.endsWith('/download')
    const code = download ? rest.slice(0, -'/download'.length) : rest
    const media = state.mediaFiles.get(code)
    if (media === undefined) throw notFound(`Media file "${code}" does not exist.`)
    if (!download) return showMediaFile(state, media)
    return reply.type(media.mime_type).header('content-disposition', `attachment; filename="${media.original_filename.replace(/"/g, '')}"`).send(media.bytes)
  })
}
