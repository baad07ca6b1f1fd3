import { readFileSync } from 'node:fs'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { NotFound } from '../src/errors.js'
import { errorResponses } from '../src/http-schemas.js'

// Next to this file in a checkout (routes/ → src/console/) and in dist/ (the build copies it).
const FOLDER = new URL('../src/console/', import.meta.url)
const TYPES: Record<string, string> = { html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' }
const ASSETS = ['app.js', 'api.js', 'dom.js', 'views-inbox.js', 'views-more.js', 'docs.js', 'style.css']

// Only this origin's own files and API: no inline script, no external asset, no framing.
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache'
}

const Page = { description: 'An HTML page', content: { 'text/html': { schema: Type.String() } } }

/**
 * The operator console (/console) and the API reading page (/docs): files from src/console,
 * read once at start and served as they are — no bundler, no separate server. The console
 * signs in with the admin token and calls the admin API like any client.
 */
const pages: FastifyPluginAsyncTypebox = async (fastify) => {
  const files = new Map([...ASSETS, 'index.html', 'docs.html'].map((name) => [name, readFileSync(new URL(name, FOLDER), 'utf8')]))
  const serve = (name: string) => ({ type: TYPES[name.split('.').pop()!]!, body: files.get(name)! })

  fastify.get('/console', { schema: { summary: 'The operator console', response: { 200: Page } } }, async (_request, reply) => {
    const file = serve('index.html')
    return await reply.headers(SECURITY_HEADERS).type(file.type).send(file.body)
  })
  fastify.get('/console/:file', {
    schema: {
      summary: 'The console\'s scripts and style sheet',
      params: Type.Object({ file: Type.String({ maxLength: 40 }) }),
      response: { 200: { description: 'A script or style sheet', content: { 'text/javascript': { schema: Type.String() }, 'text/css': { schema: Type.String() } } }, ...errorResponses(404) }
    }
  }, async (request, reply) => {
    if (!ASSETS.includes(request.params.file)) throw new NotFound(`No console file ${request.params.file}`)
    const file = serve(request.params.file)
    return await reply.headers(SECURITY_HEADERS).type(file.type).send(file.body)
  })
  fastify.get('/docs', { schema: { summary: 'This API, readable', response: { 200: Page } } }, async (_request, reply) => {
    const file = serve('docs.html')
    return await reply.headers(SECURITY_HEADERS).type(file.type).send(file.body)
  })
  fastify.get('/docs/json', {
    schema: { summary: 'The OpenAPI 3 document of this API', response: { 200: { description: 'OpenAPI 3.0 document', content: { 'application/json': { schema: Type.Object({}, { additionalProperties: true }) } } } } }
  }, async (_request, reply) => await reply.type('application/json; charset=utf-8').send(fastify.swagger()))
}

export default pages
