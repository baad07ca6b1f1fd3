import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { errorResponses } from '../../src/http-schemas.js'

const Nullable = (schema: ReturnType<typeof Type.String>) => Type.Union([schema, Type.Null()])
const LinkQuery = Type.Object({
  asset: Type.Optional(Type.String({ minLength: 1 })),
  /** A product identifier or product model code. */
  product: Type.Optional(Type.String({ minLength: 1 })),
  status: Type.Optional(Type.Union([Type.Literal('linked'), Type.Literal('waiting')])),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 }))
}, { additionalProperties: false })
const LinkViewSchema = Type.Object({
  credential_code: Type.String(),
  asset_id: Type.String(),
  asset_name: Nullable(Type.String()),
  asset_date_modified: Type.String(),
  target_type: Type.String(),
  target_code: Type.String(),
  product_uuid: Nullable(Type.String()),
  attribute: Type.String(),
  locale: Nullable(Type.String()),
  scope: Nullable(Type.String()),
  source: Type.String(),
  write_kind: Type.String(),
  status: Type.String(),
  value: Nullable(Type.String()),
  updated_at: Type.String()
})
const AuthHeaders = Type.Object({ authorization: Type.Optional(Type.String()) })

/** The link registry for operators: what was written where, from which asset version. */
const adminLinks: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.addHook('onRequest', fastify.adminAuth)
  fastify.get('/links', {
    schema: { headers: AuthHeaders, querystring: LinkQuery, response: { 200: Type.Object({ items: Type.Array(LinkViewSchema) }), ...errorResponses(400, 401, 403) } }
  }, async (request) => {
    const { asset, product, status, limit = 200 } = request.query
    const rows = await fastify.store.links.list({ limit, ...(asset === undefined ? {} : { asset }), ...(product === undefined ? {} : { target: product }), ...(status === undefined ? {} : { status }) })
    return {
      items: rows.map((row) => ({
        credential_code: row.credentialCode,
        asset_id: row.assetId,
        asset_name: row.assetName,
        asset_date_modified: row.assetDateModified,
        target_type: row.targetType,
        target_code: row.targetCode,
        product_uuid: row.productUuid,
        attribute: row.attribute,
        locale: row.locale,
        scope: row.scope,
        source: row.source,
        write_kind: row.writeKind,
        status: row.status,
        value: row.value,
        updated_at: new Date(row.updatedAt).toISOString()
      }))
    }
  })
}

export default adminLinks
