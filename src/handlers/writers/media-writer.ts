import type { AkeneoClient } from '../../clients/akeneo/index.js'
import type { Asset, BynderClient } from '../../clients/bynder/index.js'
import type { DesiredLink } from '../../sync/link-plan-types.js'
import { sizedDownload } from './sized-file.js'

/** Bynder file names come last in the download URL (`…/s3/<token>/<name>`, `…/webimage-<slug>.png`). */
export function fileNameFor (asset: Asset, url: string): string {
  try {
    const last = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '')
    if (/\.[A-Za-z0-9]+$/.test(last)) return last
  } catch { /* not a URL we can read: fall back to the asset's own name */ }
  const extension = asset.extension[0]
  return extension === undefined ? asset.name : `${asset.name}.${extension}`
}

/**
 * Links a file into a `pim_catalog_image` / `pim_catalog_file` attribute: the original
 * through Bynder's download endpoint (a temporary URL), a derivative from `thumbnails`, sent
 * into Akeneo's multipart upload with its exact length (`sizedDownload`: the download's
 * Content-Length, or a temporary file) — no whole file in memory. Each upload attempt gets a
 * fresh stream, so the Akeneo client may retry a 429/5xx. Returns the media code Akeneo
 * assigned (it is linked to the target by the same call).
 */
export async function writeMediaLink (clients: { akeneo: AkeneoClient, bynder: BynderClient }, asset: Asset, link: DesiredLink): Promise<string> {
  const url = link.source === 'original' || link.url === null ? await clients.bynder.getDownloadUrl(asset, 'original') : link.url
  const file = await sizedDownload(async () => await clients.bynder.openDownload(url))
  try {
    return await clients.akeneo.uploadMediaFile({
      file: file.open,
      size: file.size,
      filename: fileNameFor(asset, url),
      target: link.target.type === 'product' ? { product: link.target.code } : { productModel: link.target.code },
      attribute: link.attribute,
      locale: link.locale,
      scope: link.scope
    })
  } finally {
    await file.dispose()
  }
}
