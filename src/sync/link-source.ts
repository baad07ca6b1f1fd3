import type { LinkWrite, PlannableAsset, PlanProblemCode } from './link-plan-types.js'

/** Attribute types an asset can be linked into, and how (akeneo-api.md "Attributes"). */
export const SUPPORTED_ATTRIBUTE_TYPES: Readonly<Record<string, LinkWrite>> = {
  pim_catalog_image: 'media_file',
  pim_catalog_file: 'media_file',
  pim_catalog_text: 'url',
  pim_catalog_textarea: 'url'
}

/** How an attribute of this type takes an asset; undefined = it cannot hold one. */
export function writeFor (attributeType: string): LinkWrite | undefined {
  return Object.hasOwn(SUPPORTED_ATTRIBUTE_TYPES, attributeType) ? SUPPORTED_ATTRIBUTE_TYPES[attributeType] : undefined
}

export function unsupportedTypeReason (attributeType: string): string {
  return `its type ${attributeType} cannot hold an asset (supported: ${Object.keys(SUPPORTED_ATTRIBUTE_TYPES).join(', ')})`
}

export type SourceResult =
  | { ok: true, write: LinkWrite, source: string, url: string | null }
  | { ok: false, code: PlanProblemCode, reason: string }

/**
 * What is linked for `derivative_to_use` into an attribute of `attributeType`.
 *
 * - image/file take a file: the original (downloaded through the API, so `url` is null)
 *   or the derivative's thumbnail URL.
 * - text/textarea take a URL that must keep working for whoever reads the PIM: a
 *   derivative's URL, or the original's public URL. A non-public asset's original has no
 *   stable URL (download links are temporary), so that is a problem, not a link.
 * - A derivative the asset does not have yet is `derivative_missing` (Bynder renders them
 *   a few seconds after an upload).
 */
export function linkSource (asset: PlannableAsset, attributeType: string, derivative: string): SourceResult {
  const write = writeFor(attributeType)
  if (write === undefined) return { ok: false, code: 'unsupported_attribute_type', reason: unsupportedTypeReason(attributeType) }
  if (derivative !== 'original') {
    const url = Object.hasOwn(asset.thumbnails, derivative) ? asset.thumbnails[derivative] : undefined
    if (url === undefined || url === '') {
      return { ok: false, code: 'derivative_missing', reason: `the asset has no derivative "${derivative}" (derivative_to_use)` }
    }
    return { ok: true, write, source: derivative, url }
  }
  if (write === 'media_file') return { ok: true, write, source: 'original', url: null }
  if (!asset.isPublic) {
    return {
      ok: false,
      code: 'original_not_public_for_text',
      reason: `a ${attributeType} attribute takes a URL, and the original of a non-public asset has none that lasts (derivative_to_use is original; use a derivative or make the asset public)`
    }
  }
  if (asset.original === undefined || asset.original === '') {
    return {
      ok: false,
      code: 'original_url_missing',
      reason: `a ${attributeType} attribute takes a URL, and Bynder gives no original URL for this asset (derivative_to_use is original; use a derivative)`
    }
  }
  return { ok: true, write, source: 'original', url: asset.original }
}
