import { createHash, randomBytes } from 'node:crypto'
import { extname } from 'node:path'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { AkeneoHttpError, notFound } from './errors.js'
import { assetManagerOf, type FakeAssetMediaFile } from './asset-state.js'
import { mediaCodePath } from './serialize.js'
import type { FakeAkeneoState } from './state.js'
import { summarise } from './traffic.js'

const BASE = '/api/rest/v1/asset-media-files'

/**
 * The multipart body: a `file` part and nothing else. PHP parses multipart only from a
 * body of known length (akeneo-api.md "Audited facts", pim-community-dev issue 12441): a
 * chunked upload reaches Akeneo with no file at all, hence the same 422 here.
 */
async function readFile (request: FastifyRequest): Promise<{ filename: string, mimetype: string, bytes: Buffer }> {
  if (!request.isMultipart()) throw new AkeneoHttpError(415, 'The "Content-Type" header must be "multipart/form-data".')
  if (request.headers['content-length'] === undefined) throw new AkeneoHttpError(422, 'Property "file" is required.')
  let file: { filename: string, mimetype: string, bytes: Buffer } | undefined
  const others: string[] = []
  for await (const part of request.parts()) {
    if (part.type === 'file' && part.fieldname === 'file' && file === undefined) file = { filename: part.filename, mimetype: part.mimetype, bytes: await part.toBuffer() }
    else { others.push(part.fieldname); if (part.type === 'file') await part.toBuffer() }
  }
  summarise(request, { fields: others, file: file === undefined ? null : { filename: file.filename, size: file.bytes.length } })
  if (file === undefined) throw new AkeneoHttpError(422, 'Property "file" is required.')
  // Assumption, stricter side: the route documents only `file`; anything else is refused.
  if (others.length > 0) throw new AkeneoHttpError(422, `Property "${others[0] as string}" does not exist: an asset media file takes only "file".`)
  return file
}

/** Upload only (no linking, unlike product media files): 201, empty body, code in two headers. */
export function registerAssetMediaFileRoutes (app: FastifyInstance, state: FakeAkeneoState): void {
  app.post(BASE, async (request, reply) => {
    const file = await readFile(request)
    const hash = createHash('sha1').update(file.bytes).update(randomBytes(8)).digest('hex')
    const code = `${hash.slice(0, 4).split('').join('/')}/${hash}_${file.filename.replace(/[^A-Za-z0-9._-]/g, '_')}`
    const media: FakeAssetMediaFile = {
      code, original_filename: file.filename, mime_type: file.mimetype, size: file.bytes.length, extension: extname(file.filename).slice(1).toLowerCase(), bytes: file.bytes
    }
    assetManagerOf(state).mediaFiles.set(code, media)
    return reply.code(201).header('location', `${state.baseUrl}${BASE}/${mediaCodePath(code)}`).header('asset-media-file-code', code).send()
  })

  // `GET /asset-media-files/{code}` downloads the binary; codes contain slashes.
  app.get<{ Params: { '*': string } }>(`${BASE}/*`, async (request, reply) => {
    const code = request.params['*']
    const media = assetManagerOf(state).mediaFiles.get(code)
    if (media === undefined) throw notFound(`Media file "${code}" does not exist.`)
    return reply.type(media.mime_type).header('content-disposition', `attachment; filename="${media.original_filename.replace(/"/g, '')}"`).send(media.bytes)
  })
}
