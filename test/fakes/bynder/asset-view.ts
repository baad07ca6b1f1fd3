import { isSelectLike, type FakeAsset, type FakeBynderState } from './state.js'

/** Derivatives live on the portal's CDN path `/m/<idHash>/<file>` (public, no auth). */
export function derivativeUrl (state: FakeBynderState, asset: FakeAsset, fileName: string): string {
  return `${state.baseUrl}/m/${asset.idHash}/${fileName}`
}

/**
 * The asset as Bynder's JSON shows it: archive/isPublic as 0/1, limited/watermarked as 0/1
 * or booleans, `original` only for public assets, one `property_<name>` per **filled**
 * metaproperty (option names for select-like ones, a plain string for text).
 */
export function renderAsset (state: FakeBynderState, asset: FakeAsset, withVersions = false): Record<string, unknown> {
  const flag = (v: boolean): number | boolean => (asset.flagsAsNumbers ? (v ? 1 : 0) : v)
  const thumbnails: Record<string, string> = {}
  for (const [name, f] of Object.entries(asset.derivatives)) thumbnails[name] = derivativeUrl(state, asset, f.fileName)
  const view: Record<string, unknown> = {
    id: asset.id,
    idHash: asset.idHash,
    name: asset.name,
    description: asset.description,
    type: asset.type,
    extension: asset.extension,
    tags: asset.tags,
    archive: asset.archive ? 1 : 0,
    isPublic: asset.isPublic ? 1 : 0,
    limited: flag(asset.limited),
    watermarked: flag(asset.watermarked),
    dateCreated: asset.dateCreated,
    dateModified: asset.dateModified,
    datePublished: asset.dateCreated,
    fileSize: asset.original.bytes.length,
    brandId: '3B5C5A0B-2C1D-4E5F-8A9B0C1D2E3F4A5B',
    thumbnails,
    propertyOptions: [] as string[]
  }
  if (asset.isPublic) view.original = `${state.baseUrl}/m/${asset.idHash}/original/${asset.original.fileName}`
  for (const [mpId, value] of Object.entries(asset.values)) {
    const mp = state.metaproperties.get(mpId)
    if (mp === undefined) continue
    if (isSelectLike(mp) && Array.isArray(value)) {
      if (value.length === 0) continue
      view[`property_${mp.name}`] = value.map((id) => mp.options.find((o) => o.id === id)?.name ?? id)
      ;(view.propertyOptions as string[]).push(...value)
    } else if (typeof value === 'string' && value !== '') {
      view[`property_${mp.name}`] = value
    }
  }
  if (withVersions) {
    view.mediaItems = [
      { id: asset.original.itemId, type: 'original', fileName: asset.original.fileName, size: asset.original.bytes.length, version: 1, active: 1 },
      ...Object.entries(asset.derivatives).map(([name, f]) => ({ id: f.itemId, type: 'derivative', name, fileName: f.fileName, size: f.bytes.length }))
    ]
  }
  return view
}

/** Value of an asset's metaproperty as names (select-like) or text, for filters. */
export function propertyValues (state: FakeBynderState, asset: FakeAsset, mpId: string): string[] {
  const mp = state.metaproperties.get(mpId)
  const value = asset.values[mpId]
  if (mp === undefined || value === undefined) return []
  if (typeof value === 'string') return value === '' ? [] : [value]
  return value.map((id) => mp.options.find((o) => o.id === id)?.name ?? id)
}
