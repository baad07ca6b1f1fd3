import { createReadStream, createWriteStream } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

/** A file whose exact length is known before it is sent (Akeneo's upload needs a Content-Length). */
export interface SizedFile {
  size: number
  /** A fresh stream of the bytes, once per upload attempt. */
  open: () => Readable
  /** Frees what `sizedDownload` holds (an unread stream, a temporary file). */
  dispose: () => Promise<void>
}

type Headers = Record<string, string | string[] | undefined>

/**
 * The length a download announced, when it is the length of the bytes the stream yields:
 * a Content-Length without a Content-Encoding (got decompresses, which changes the length).
 * got's stream carries its `response` once the response event fired.
 */
export function announcedLength (stream: Readable): number | undefined {
  const headers = (stream as Readable & { response?: { headers?: Headers } }).response?.headers
  const encoding = headers?.['content-encoding']
  if (encoding !== undefined && encoding !== 'identity') return undefined
  const raw = headers?.['content-length']
  const length = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN
  return Number.isSafeInteger(length) ? length : undefined
}

function lazily (open: () => Promise<Readable>): Readable {
  const pass = new PassThrough()
  open().then(
    (stream) => { stream.pipe(pass); stream.once('error', (error) => pass.destroy(error)) },
    (error: unknown) => { pass.destroy(error instanceof Error ? error : new Error(String(error))) }
  )
  return pass
}

/**
 * Opens a download and learns its exact size without holding it in memory: from its
 * Content-Length when it has a usable one (the first attempt sends the stream already open, a
 * retry downloads again — the upload checks the length), otherwise by spooling it to a
 * temporary file that every attempt reads.
 */
export async function sizedDownload (open: () => Promise<Readable>, dir = tmpdir()): Promise<SizedFile> {
  const first = await open()
  const length = announcedLength(first)
  if (length !== undefined) {
    let unread: Readable | undefined = first
    return {
      size: length,
      open: () => {
        const stream = unread ?? lazily(open)
        unread = undefined
        return stream
      },
      dispose: async () => { unread?.destroy(); unread = undefined }
    }
  }
  const folder = await mkdtemp(join(dir, 'bynder-akeneo-upload-'))
  const path = join(folder, 'file')
  const dispose = async (): Promise<void> => { await rm(folder, { recursive: true, force: true }) }
  try {
    await pipeline(first, createWriteStream(path))
    return { size: (await stat(path)).size, open: () => createReadStream(path), dispose }
  } catch (error) {
    await dispose()
    throw error
  }
}
