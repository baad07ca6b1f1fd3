import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { Validator } from '@seriousme/openapi-schema-validator'
import Fastify, { type FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { app as connectorApp } from '../../src/app.js'
import { loadMapping } from '../../src/config/mapping-loader.js'

interface Operation { security?: Array<Record<string, string[]>>, parameters?: Array<{ in: string, name: string }>, requestBody?: { content: Record<string, unknown> }, responses: Record<string, { description: string, headers?: Record<string, unknown> }> }
type Document = { openapi: string, paths: Record<string, Record<string, Operation>> }

const routes: Array<{ method: string, url: string }> = []
let fastify: FastifyInstance
let dir: string
let doc: Document

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'connector-openapi-'))
  fastify = Fastify()
  // Every route the app registers, as Fastify sees it (automatic HEAD routes of GETs aside).
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD' || route.url === '/webhooks/akeneo' || route.url === '/webhooks/akeneo/*') routes.push({ method, url: route.url })
  })
  await fastify.register(fp(connectorApp, { name: 'app' }), {
    mapping: loadMapping('mappings/bynder_attribute_mappings.yml'),
    worker: false,
    env: {
      DATABASE_URL: `sqlite:${join(dir, 'c.db')}`, CREDENTIALS_FILE: '',
      AKENEO_BASE_URL: 'http://127.0.0.1:9', AKENEO_CLIENT_ID: 'id', AKENEO_CLIENT_SECRET: 's', AKENEO_USERNAME: 'u', AKENEO_PASSWORD: 'p',
      BYNDER_BASE_URL: 'http://127.0.0.1:9', BYNDER_PERMANENT_TOKEN: 't', ADMIN_TOKEN: 'admin-token-0123456789'
    }
  })
  await fastify.ready()
  const response = await fastify.inject({ method: 'GET', url: '/docs/json' })
  assert.equal(response.statusCode, 200)
  doc = response.json()
})
after(async () => {
  await fastify.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Fastify's `/a/:id` and `/a/*` as the document spells them. */
const openapiPath = (url: string): string => url.replace(/:(\w+)/g, '{$1}').replace(/\*$/, '{*}')

test('GET /docs/json is a valid OpenAPI 3 document', async () => {
  const result = await new Validator().validate(doc as never)
  assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2))
  assert.match(doc.openapi, /^3\./)
})

test('every registered route and method is in the document', () => {
  assert.ok(routes.length >= 20, `collected ${routes.length} routes`)
  const missing = routes.filter(({ method, url }) => doc.paths[openapiPath(url)]?.[method.toLowerCase()] === undefined)
  assert.deepEqual(missing, [])
})

test('admin routes carry the bearer token as security, webhook routes their signature headers and bodies', () => {
  for (const [path, method] of [['/events', 'get'], ['/events/{id}/retry', 'post'], ['/links', 'get'], ['/replay', 'post'], ['/replay/{id}', 'get'], ['/check', 'post']] as const) {
    const op = doc.paths[path]![method]!
    assert.deepEqual(op.security, [{ adminToken: [] }], `${method} ${path}`)
    assert.ok(op.responses['401']?.headers?.['www-authenticate'] !== undefined, `${method} ${path} 401 names www-authenticate`)
    assert.ok(op.responses['403'] !== undefined, `${method} ${path} answers 403`)
  }
  assert.deepEqual(doc.paths['/metrics']!.get!.security, [{}, { metricsToken: [] }])
  const akeneo = doc.paths['/webhooks/akeneo']!.post!
  assert.deepEqual(akeneo.parameters!.filter((p) => p.in === 'header').map((p) => p.name).sort(),
    ['x-akeneo-request-signature', 'x-akeneo-request-timestamp', 'x-akeneo-signature-primary', 'x-akeneo-signature-secondary'])
  assert.deepEqual(Object.keys(akeneo.requestBody!.content).sort(), ['application/cloudevents+json', 'application/json'])
  assert.ok(akeneo.responses['429']!.headers!['retry-after'] !== undefined)
  assert.deepEqual(Object.keys(doc.paths['/webhooks/bynder']!.post!.requestBody!.content).sort(), ['application/json', 'text/plain'])
  assert.ok(doc.paths['/webhooks/akeneo']!.head !== undefined)
})

test('every response has a description and every route at least one response', () => {
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      assert.ok(Object.keys(op.responses).length > 0, `${method} ${path} has responses`)
      for (const [code, response] of Object.entries(op.responses)) assert.ok(response.description.length > 0, `${method} ${path} ${code}`)
    }
  }
})

test('GET /docs is a page of this service with no external asset', async () => {
  const page = await fastify.inject({ method: 'GET', url: '/docs' })
  assert.equal(page.statusCode, 200)
  assert.match(page.headers['content-type'] as string, /^text\/html/)
  assert.doesNotMatch(page.body, /https?:\/\//)
  assert.match(page.headers['content-security-policy'] as string, /script-src 'self'/)
  const script = await fastify.inject({ method: 'GET', url: '/console/docs.js' })
  assert.equal(script.statusCode, 200)
  assert.equal((await fastify.inject({ method: 'GET', url: '/console/..%2Fapp.ts' })).statusCode, 404)
})
