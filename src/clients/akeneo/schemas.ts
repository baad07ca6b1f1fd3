import { Type, type Static } from 'typebox'

// Lenient on purpose: only what the service acts on is checked; extra fields pass through.
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()])

export const AkeneoValueSchema = Type.Object({
  locale: Nullable(Type.String()),
  scope: Nullable(Type.String()),
  data: Type.Unknown()
})
export type AkeneoValue = Static<typeof AkeneoValueSchema>

export const AkeneoValuesSchema = Type.Record(Type.String(), Type.Array(AkeneoValueSchema))
export type AkeneoValues = Static<typeof AkeneoValuesSchema>

/** EE only: the connection user's rights on the entity (`working_copy`, `draft_in_progress`, `proposal_waiting_for_approval`, `read_only`). */
const MetadataSchema = Type.Optional(Type.Object({ workflow_status: Type.Optional(Type.String()) }))

export const AkeneoProductSchema = Type.Object({
  uuid: Type.String(),
  identifier: Type.Optional(Nullable(Type.String())),
  family: Nullable(Type.String()),
  parent: Type.Optional(Nullable(Type.String())),
  categories: Type.Optional(Type.Array(Type.String())),
  enabled: Type.Optional(Type.Boolean()),
  values: AkeneoValuesSchema,
  created: Type.Optional(Type.String()),
  updated: Type.Optional(Type.String()),
  metadata: MetadataSchema
})
export type AkeneoProduct = Static<typeof AkeneoProductSchema>

export const AkeneoProductModelSchema = Type.Object({
  code: Type.String(),
  family: Type.Optional(Nullable(Type.String())),
  family_variant: Type.Optional(Nullable(Type.String())),
  parent: Type.Optional(Nullable(Type.String())),
  categories: Type.Optional(Type.Array(Type.String())),
  values: AkeneoValuesSchema,
  created: Type.Optional(Type.String()),
  updated: Type.Optional(Type.String()),
  metadata: MetadataSchema
})
export type AkeneoProductModel = Static<typeof AkeneoProductModelSchema>

export const AkeneoAttributeSchema = Type.Object({
  code: Type.String(),
  type: Type.String(),
  localizable: Type.Boolean(),
  scopable: Type.Boolean(),
  available_locales: Type.Optional(Type.Array(Type.String())),
  allowed_extensions: Type.Optional(Type.Array(Type.String())),
  reference_data_name: Type.Optional(Nullable(Type.String()))
})
export type AkeneoAttribute = Static<typeof AkeneoAttributeSchema>

/** A channel and the locales activated for it (an asset value's locale and channel must be among them). */
export const AkeneoChannelSchema = Type.Object({
  code: Type.String(),
  locales: Type.Array(Type.String())
})
export type AkeneoChannel = Static<typeof AkeneoChannelSchema>

export const AkeneoListPageSchema = Type.Object({
  _links: Type.Object({ next: Type.Optional(Type.Object({ href: Type.String() })) }),
  _embedded: Type.Object({ items: Type.Array(Type.Unknown()) })
})

export const AkeneoTokenSchema = Type.Object({
  access_token: Type.String(),
  refresh_token: Type.String(),
  expires_in: Type.Number()
})

export const AkeneoErrorBodySchema = Type.Object({
  message: Type.String(),
  errors: Type.Optional(Type.Array(Type.Object({
    property: Type.Optional(Type.String()),
    message: Type.String(),
    attribute: Type.Optional(Type.String()),
    locale: Type.Optional(Nullable(Type.String())),
    scope: Type.Optional(Nullable(Type.String()))
  })))
})

export const AkeneoBulkLineSchema = Type.Object({
  line: Type.Number(),
  uuid: Type.Optional(Type.String()),
  identifier: Type.Optional(Type.String()),
  code: Type.Optional(Type.String()),
  status_code: Type.Number(),
  message: Type.Optional(Type.String()),
  errors: AkeneoErrorBodySchema.properties.errors
})
export type AkeneoBulkLineResult = Static<typeof AkeneoBulkLineSchema>
