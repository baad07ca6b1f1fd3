import { Type, type Static } from 'typebox'

// Lenient like schemas.ts: only what the service acts on is checked.
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()])

/** Asset values say `channel`, not `scope` (akeneo-api.md "Asset Manager"). */
export const AkeneoAssetValueSchema = Type.Object({
  locale: Nullable(Type.String()),
  channel: Nullable(Type.String()),
  data: Type.Unknown()
})
export type AkeneoAssetValue = Static<typeof AkeneoAssetValueSchema>

export const AkeneoAssetSchema = Type.Object({
  code: Type.String(),
  values: Type.Record(Type.String(), Type.Array(AkeneoAssetValueSchema)),
  created: Type.Optional(Type.String()),
  updated: Type.Optional(Type.String())
})
export type AkeneoAsset = Static<typeof AkeneoAssetSchema>

export const AkeneoAssetFamilySchema = Type.Object({
  code: Type.String(),
  attribute_as_main_media: Type.Optional(Nullable(Type.String()))
})

export const AkeneoAssetAttributeSchema = Type.Object({
  code: Type.String(),
  type: Type.String(),
  value_per_locale: Type.Boolean(),
  value_per_channel: Type.Boolean(),
  prefix: Type.Optional(Nullable(Type.String())),
  suffix: Type.Optional(Nullable(Type.String())),
  media_type: Type.Optional(Nullable(Type.String())),
  allowed_extensions: Type.Optional(Type.Array(Type.String()))
})
export type AkeneoAssetAttribute = Static<typeof AkeneoAssetAttributeSchema>

/** A family with its attributes (two calls: the family, then its attribute list). */
export interface AkeneoAssetFamily {
  code: string
  attributeAsMainMedia: string | null
  attributes: AkeneoAssetAttribute[]
}

/** One item of a bulk asset PATCH answer (a JSON array, not NDJSON). */
export const AkeneoAssetUpsertResultSchema = Type.Object({
  code: Nullable(Type.String()),
  status_code: Type.Number(),
  message: Type.Optional(Type.String()),
  errors: Type.Optional(Type.Array(Type.Object({
    property: Type.Optional(Type.String()),
    message: Type.String(),
    attribute: Type.Optional(Type.String()),
    locale: Type.Optional(Nullable(Type.String())),
    channel: Type.Optional(Nullable(Type.String()))
  })))
})
export type AkeneoAssetUpsertResult = Static<typeof AkeneoAssetUpsertResultSchema>

/**
 * Asset lists page with `search_after`; the official clients read `_embedded.items`, the API
 * reference's examples show `_embedded._items` — both are accepted (fake README "Asset Manager").
 */
export const AkeneoAssetPageSchema = Type.Object({
  _links: Type.Object({ next: Type.Optional(Type.Object({ href: Type.String() })) }),
  _embedded: Type.Object({ items: Type.Optional(Type.Array(Type.Unknown())), _items: Type.Optional(Type.Array(Type.Unknown())) })
})
