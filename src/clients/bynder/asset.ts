import { Type, type Static } from 'typebox'
import { Compile } from 'typebox/compile'

// Documented as booleans, seen as 0/1 (and "0"/"1" from older portals): accept all.
const Flag = Type.Union([Type.Boolean(), Type.Number(), Type.String(), Type.Null()])

/** What Bynder sends: only the fields the service acts on are checked; the rest passes. */
export const RawAssetSchema = Type.Object({
  id: Type.String({ minLength: 1 }),
  idHash: Type.Optional(Type.String()),
  name: Type.String(),
  type: Type.String(),
  dateCreated: Type.String(),
  dateModified: Type.String(),
  extension: Type.Optional(Type.Union([Type.Array(Type.String()), Type.String(), Type.Null()])),
  archive: Type.Optional(Flag),
  isPublic: Type.Optional(Flag),
  limited: Type.Optional(Flag),
  watermarked: Type.Optional(Flag),
  thumbnails: Type.Optional(Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Array(Type.Unknown()), Type.Null()])),
  original: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  propertyOptions: Type.Optional(Type.Union([Type.Array(Type.String()), Type.Null()])),
  // Only with `versions=1`: the original, its versions and derivatives.
  mediaItems: Type.Optional(Type.Union([Type.Array(Type.Object({
    id: Type.String(),
    type: Type.Optional(Type.String()),
    active: Type.Optional(Flag)
  }, { additionalProperties: true })), Type.Null()]))
}, { additionalProperties: true })

/** The normalised asset the rest of the service works with. */
export const AssetSchema = Type.Object({
  /** Exactly as received (Bynder v4 ids are upper-case 8-4-4-16): never re-cased. */
  id: Type.String(),
  idHash: Type.String(),
  name: Type.String(),
  type: Type.String(),
  dateCreated: Type.String(),
  dateModified: Type.String(),
  extension: Type.Array(Type.String()),
  archive: Type.Boolean(),
  isPublic: Type.Boolean(),
  limited: Type.Boolean(),
  watermarked: Type.Boolean(),
  thumbnails: Type.Record(Type.String(), Type.String()),
  original: Type.Optional(Type.String()),
  propertyOptions: Type.Array(Type.String()),
  /** metaproperty name → values; a name is absent when Bynder left it empty. */
  properties: Type.Record(Type.String(), Type.Array(Type.String())),
  /**
   * The media item id of the active original (read with `versions=1` only): it changes with
   * a new version of the file and not with a metadata edit, unlike `dateModified`.
   */
  fileFingerprint: Type.Optional(Type.String())
})
export type Asset = Static<typeof AssetSchema>

export class InvalidAssetError extends Error {
  override readonly name = 'InvalidAssetError'
}

/** A flag as Bynder writes it (boolean, 0/1, or their strings); undefined when absent or unreadable. */
export function statedFlag (v: unknown): boolean | undefined {
  if (v === true || v === 1 || v === '1' || v === 'true') return true
  if (v === false || v === 0 || v === '0' || v === 'false') return false
  return undefined
}

const toBool = (v: unknown): boolean => statedFlag(v) === true

/** `property_x` may be an array of option names or a plain string (text): always string[]. */
function toValues (v: unknown): string[] {
  const list = Array.isArray(v) ? v : [v]
  return list.filter((x) => x !== null && x !== undefined && x !== '').map(String)
}

/** Compiled once: interpreted, the check allocated ~30 KB per listed asset (issue 14). */
const RawAssetCheck = Compile(RawAssetSchema)

export function normalizeAsset (raw: unknown): Asset {
  if (!RawAssetCheck.Check(raw)) {
    const first = RawAssetCheck.Errors(raw)[0]
    throw new InvalidAssetError(`Invalid Bynder asset: ${first?.instancePath ?? ''} ${first?.message ?? ''}`.trim())
  }
  // for…in rather than Object.entries: no [key, value] pair per field of every listed asset.
  const properties: Record<string, string[]> = {}
  for (const key in raw) {
    if (!key.startsWith('property_') || !Object.hasOwn(raw, key)) continue
    const values = toValues((raw as Record<string, unknown>)[key])
    if (values.length > 0) properties[key.slice('property_'.length)] = values
  }
  const thumbnails: Record<string, string> = {}
  const rawThumbnails = raw.thumbnails
  if (rawThumbnails !== null && rawThumbnails !== undefined && !Array.isArray(rawThumbnails)) {
    for (const k in rawThumbnails) {
      const v = rawThumbnails[k]
      if (Object.hasOwn(rawThumbnails, k) && typeof v === 'string' && v !== '') thumbnails[k] = v
    }
  }
  const ext = raw.extension
  const asset: Asset = {
    id: raw.id,
    idHash: raw.idHash ?? '',
    name: raw.name,
    type: raw.type,
    dateCreated: raw.dateCreated,
    dateModified: raw.dateModified,
    extension: Array.isArray(ext) ? ext : typeof ext === 'string' && ext !== '' ? [ext] : [],
    archive: toBool(raw.archive),
    isPublic: toBool(raw.isPublic),
    limited: toBool(raw.limited),
    watermarked: toBool(raw.watermarked),
    thumbnails,
    propertyOptions: raw.propertyOptions ?? [],
    properties
  }
  if (typeof raw.original === 'string' && raw.original !== '') asset.original = raw.original
  const originals = (raw.mediaItems ?? []).filter((item) => item.type === 'original')
  const active = originals.find((item) => item.active === undefined || toBool(item.active)) ?? originals[0]
  if (active !== undefined) asset.fileFingerprint = active.id
  return asset
}

/** Values of one metaproperty (by API name); empty when Bynder left it empty. */
export function assetProperty (asset: Asset, name: string): string[] {
  return asset.properties[name] ?? []
}
