import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { renderAsset } from './asset-view.js'
import { fail, hasRight, one } from './http-helpers.js'
import { newToken } from './ids.js'
import type { FakeAsset, FakeBynderState, FakeFile } from './state.js'

type IdParams = { id: string }
type ItemParams = { id: string, itemId: string }

/** `GET /api/v4/media/{id}/`, its downloads, and the public file hosts they point to. */
export function registerMediaItem (app: FastifyInstance, state: FakeBynderState): void {
  app.get<{ Params: IdParams }>('/api/v4/media/:id/', async (request, reply) => {
    const asset = state.assets.get(request.params.id)
    if (asset === undefined) return fail(reply, 404, 'Media not found')
    return renderAsset(state, asset, one((request.query as Record<string, unknown>).versions) === '1')
  })

  app.get<{ Params: IdParams }>('/api/v4/media/:id/download/', async (request, reply) => {
    const asset = state.assets.get(request.params.id)
    if (asset === undefined) return fail(reply, 404, 'Media not found')
    if (!mayDownloadOriginal(request, asset)) return fail(reply, 403, FORBIDDEN)
    return { s3_file: temporaryUrl(state, asset, asset.original) }
  })

  app.get<{ Params: ItemParams }>('/api/v4/media/:id/download/:itemId/', async (request, reply) => {
    const asset = state.assets.get(request.params.id)
    if (asset === undefined) return fail(reply, 404, 'Media not found')
    const { itemId } = request.params
    const isOriginal = asset.original.itemId === itemId
    const item = isOriginal ? asset.original : Object.values(asset.derivatives).find((f) => f.itemId === itemId)
    if (item === undefined) return fail(reply, 404, 'Media item not found')
    if (isOriginal && !mayDownloadOriginal(request, asset)) return fail(reply, 403, FORBIDDEN)
    return { s3_file: temporaryUrl(state, asset, item) }
  })

  // Stand-in for S3: no auth, the token in the URL expires (S3 answers 403 AccessDenied).
  app.get<{ Params: { token: string, fileName: string } }>('/s3/:token/:fileName', async (request, reply) => {
    const download = state.downloads.get(request.params.token)
    if (download === undefined || download.expiresAt < Date.now()) {
      return reply.code(403).type('application/xml').send('<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>')
    }
    return sendFile(reply, download.file)
  })

  // Stand-in for the portal CDN serving derivatives (`thumbnails`) and public originals.
  app.get<{ Params: { idHash: string, '*': string } }>('/m/:idHash/*', async (request, reply) => {
    const asset = [...state.assets.values()].find((a) => a.idHash === request.params.idHash)
    const name = request.params['*']
    const file = asset === undefined
      ? undefined
      : name === `original/${asset.original.fileName}` && asset.isPublic
        ? asset.original
        : Object.values(asset.derivatives).find((f) => f.fileName === name)
    if (file === undefined) return reply.code(404).send('Not found')
    return sendFile(reply, file)
  })
}

// Bynder's 403 does not say which role is missing: the client has to work it out.
const FORBIDDEN = 'Forbidden'

/** Originals need MEDIAHIGHRES, plus ARCHIVEDOWNLOAD / DOWNLOADWATERMARK / KEYVISUALSDOWNLOAD for archived / watermarked / limited ones. */
function mayDownloadOriginal (request: FastifyRequest, asset: FakeAsset): boolean {
  return hasRight(request, 'MEDIAHIGHRES') && (!asset.archive || hasRight(request, 'ARCHIVEDOWNLOAD')) &&
    (!asset.watermarked || hasRight(request, 'DOWNLOADWATERMARK')) && (!asset.limited || hasRight(request, 'KEYVISUALSDOWNLOAD'))
}

function temporaryUrl (state: FakeBynderState, asset: FakeAsset, file: FakeFile): string {
  const token = newToken()
  state.downloads.set(token, { assetId: asset.id, file, expiresAt: Date.now() + state.settings.downloadUrlTtlMs })
  return `${state.filesUrl}/s3/${token}/${encodeURIComponent(file.fileName)}`
}

function sendFile (reply: FastifyReply, file: FakeFile): FastifyReply {
  return reply.type('application/octet-stream').header('content-length', file.bytes.length).send(file.bytes)
}
