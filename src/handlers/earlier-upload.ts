import { createHash } from 'node:crypto'
import type { Readable } from 'node:stream'
import type { AkeneoClient } from '../clients/akeneo/index.js'
import type { Asset, BynderClient } from '../clients/bynder/index.js'
import type { DesiredLink } from '../sync/link-plan-types.js'
import { fileNameFor } from './writers/media-writer.js'

/** Akeneo's storage key ends in `<sha1 of name and time>_<name with [^A-Za-z0-9.] as _>`. */
const sanitizedName = (filename: string): string => filename.replace(/[^A-Za-z0-9.]/g, '_')

async function sha1Of (stream: Readable): Promise<string> {
  const hash = createHash('sha1')
  for await (const chunk of stream) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/**
 * On a retry only: the media code an earlier attempt of this task already uploaded into the
 * slot (the upload reached Akeneo, the process died before recording it), or null. Akeneo's
 * code hashes the file *name* and the time, not the bytes (test/fakes/akeneo/README.md), so
 * the slot's current value is a candidate when its name part matches, and is confirmed by
 * comparing the SHA-1 of its bytes with the file to upload. Costs one product read (and, on a
 * candidate, the two downloads) — never on a first attempt.
 */
export async function earlierUpload (clients: { akeneo: AkeneoClient, bynder: BynderClient }, asset: Asset, link: DesiredLink): Promise<string | null> {
  const { akeneo, bynder } = clients
  const entity = link.target.type === 'product' ? await akeneo.getProductByIdentifier(link.target.code) : await akeneo.getProductModel(link.target.code)
  const current = entity?.values[link.attribute]?.find((value) => value.locale === link.locale && value.scope === link.scope)?.data
  if (typeof current !== 'string') return null
  // The same file the media writer would upload (and the same name it would give it).
  const url = link.source === 'original' || link.url === null ? await bynder.getDownloadUrl(asset, 'original') : link.url
  const filename = fileNameFor(asset, url)
  const name = current.slice(current.lastIndexOf('/') + 1)
  if (name.slice(name.indexOf('_') + 1) !== sanitizedName(filename)) return null
  const [held, wanted] = await Promise.all([
    akeneo.downloadMediaFile(current).then((bytes) => createHash('sha1').update(bytes).digest('hex')),
    bynder.openDownload(url).then(sha1Of)
  ])
  return held === wanted ? current : null
}
