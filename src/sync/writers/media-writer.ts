import { PassThrough, pipeline } from 'node:stream'
import type { AkeneoClient } from '../../clients/akeneo/index.js'
import type { Asset, BynderClient } from '../../clients/bynder/index.js'
import type { DesiredLink } from '../link-plan-types.js'

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
 * through Bynder's download endpoint (a temporary URL), a derivative from `thumbnails`, piped
 * straight into Akeneo's multipart upload — no whole file in memory. The stream factory
 * opens a fresh download for each upload attempt, so the Akeneo client may retry a 429/5xx.
 * Returns the media code Akeneo assigned (it is linked to the target by the same call).
 */
export async function writeMediaLink (clients: { akeneo: AkeneoClient, bynder: BynderClient }, asset: Asset, link: DesiredLink): Promise<string> {
  const url = link.source === 'original' || link.url === null ? await clients.bynder.getDownloadUrl(asset, 'original') : link.url
  const file = (): PassThrough => {
    const pass = new PassThrough()
    clients.bynder.openDownload(url).then(
      (download) => { pipeline(download, pass, () => { /* errors reach the reader through `pass` */ }) },
      (error: unknown) => { pass.destroy(error instanceof Error ? error : new Error(String(error))) }
    )
    return pass
  }
  return await clients.akeneo.uploadMediaFile({
    file,
    filename: fileNameFor(asset, url),
    target: link.target.type === 'product' ? { product: link.target.code } : { productModel: link.target.code },
    attribute: link.attribute,
    locale: link.locale,
    scope: link.scope
  })
}
