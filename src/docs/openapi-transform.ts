import type { TSchema } from 'typebox'
import { CloudEventSchema, EventsApiBatchSchema } from '../webhooks/akeneo-events.js'
import { SnsMessageSchema } from '../webhooks/sns-message.js'

type Schema = Record<string, unknown>

const STATUS_TEXT: Record<string, string> = {
  200: 'OK', 202: 'Accepted: recorded, running in the background', 400: 'Bad input (nothing changed)',
  401: 'Missing or wrong credentials: bearer token, signature or certificate', 403: 'Disabled: ADMIN_TOKEN is not set',
  404: 'Not found', 405: 'Method not allowed', 409: 'A run of that job is already going', 413: 'Body over 1 MiB',
  415: 'Unsupported content type', 429: 'Inbox over its limit: retry later', 500: 'Internal error (details in the log)',
  502: 'The upstream could not be reached', 503: 'Not ready'
}

const RESPONSE_HEADERS: Record<string, Schema> = {
  405: { allow: { type: 'string', description: 'POST, HEAD' } },
  429: { 'retry-after': { type: 'string', description: 'Seconds to wait (30)' } }
}

/**
 * Webhook routes read their raw bytes (signatures are over them), so their bodies have no
 * validation schema; the document still shows what the senders post.
 */
const WEBHOOK_BODIES: Record<string, Schema> = {
  '/webhooks/bynder': { content: { 'text/plain': { schema: SnsMessageSchema }, 'application/json': { schema: SnsMessageSchema } } },
  '/webhooks/akeneo': { content: { 'application/json': { schema: { anyOf: [CloudEventSchema, EventsApiBatchSchema] as TSchema[] } }, 'application/cloudevents+json': { schema: CloudEventSchema } } }
}

const BEARER_401 = { 'www-authenticate': { type: 'string', description: 'Bearer realm="bynder-akeneo-connector"' } }

const SIGNED_BY: Record<string, string> = {
  '/webhooks/bynder': 'Authenticated by the SNS message signature (SignatureVersion 1 or 2, certificate URL matching SNS_CERT_URL_PATTERN, topic in the allow-list when set).',
  '/webhooks/akeneo': 'Authenticated by its signature header: X-AKENEO-SIGNATURE-PRIMARY/-SECONDARY (Event Platform, HMAC-SHA256 of the body) or X-Akeneo-Request-Signature with X-Akeneo-Request-Timestamp within ±300 s (Events API).'
}

const TAGS: Array<[RegExp, string]> = [[/^\/webhooks\//, 'webhooks'], [/^\/(events|links|replay|check)/, 'admin'], [/^\/(health|ready|metrics)/, 'operations'], [/^\/(docs|console)/, 'pages']]

/**
 * Per route, for the document only (validation keeps the route's own schema): the bearer
 * token as a security requirement instead of a header parameter, descriptions and headers
 * on every response, the webhook bodies, and a tag.
 */
export function documentRoute ({ schema, url, route }: { schema: unknown, url: string, route: { method: string | string[] } }): { schema: Schema, url: string } {
  const doc: Schema = { ...(schema as Schema | undefined ?? {}) }
  const headers = doc.headers as { properties?: Record<string, unknown>, required?: string[] } | undefined
  if (headers?.properties?.authorization !== undefined) {
    const { authorization: _authorization, ...rest } = headers.properties
    if (Object.keys(rest).length === 0) delete doc.headers
    else doc.headers = { ...headers, properties: rest }
    doc.security = url === '/metrics' ? [{}, { metricsToken: [] }] : [{ adminToken: [] }]
  }
  const base = url.replace(/\/(\*|:credentialCode)$/, '')
  if (SIGNED_BY[base] !== undefined && doc.description === undefined) doc.description = SIGNED_BY[base]
  if (WEBHOOK_BODIES[base] !== undefined && url.startsWith('/webhooks/') && doc.body === undefined && route.method === 'POST') doc.body = WEBHOOK_BODIES[base]
  const responses = (doc.response ?? {}) as Record<string, Schema>
  doc.response = Object.fromEntries(Object.entries(responses).map(([code, response]) => [code, {
    ...response,
    description: (response.description as string | undefined) ?? STATUS_TEXT[code] ?? `HTTP ${code}`,
    ...(code === '401' && doc.security !== undefined ? { headers: BEARER_401 } : {}),
    ...(RESPONSE_HEADERS[code] === undefined ? {} : { headers: RESPONSE_HEADERS[code] })
  }]))
  const tag = TAGS.find(([pattern]) => pattern.test(url))?.[1]
  if (tag !== undefined && doc.tags === undefined) doc.tags = [tag]
  return { schema: doc, url }
}
