import { h, table } from './dom.js'

/** Renders /docs/json readably: each route with its security, parameters, body and responses. */
const $ = (id) => document.getElementById(id)

function resolve (doc, schema) {
  if (schema?.$ref === undefined) return schema
  return schema.$ref.replace(/^#\//, '').split('/').reduce((node, key) => node?.[key], doc)
}

/** A compact one-line type: `{ id: integer, task: {…} | null }`, nested up to a depth. */
function typeOf (doc, raw, depth = 0) {
  const schema = resolve(doc, raw)
  if (schema === undefined || schema === null) return 'any'
  if (schema.const !== undefined) return JSON.stringify(schema.const)
  if (schema.enum !== undefined) return schema.enum.map((v) => JSON.stringify(v)).join(' | ')
  const union = schema.anyOf ?? schema.oneOf
  if (union !== undefined) return union.map((s) => typeOf(doc, s, depth)).join(' | ')
  if (schema.type === 'array') return `${typeOf(doc, schema.items, depth)}[]`
  if (schema.type === 'object' || schema.properties !== undefined) {
    if (depth > 2) return '{…}'
    const required = new Set(schema.required ?? [])
    const fields = Object.entries(schema.properties ?? {}).map(([name, s]) => `${name}${required.has(name) ? '' : '?'}: ${typeOf(doc, s, depth + 1)}`)
    return `{ ${fields.join(', ')} }`
  }
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : schema.type ?? 'any'
  return schema.nullable === true ? `${type} | null` : type
}

function operation (doc, path, method, op) {
  const id = `${method}-${path}`.replace(/[^a-zA-Z0-9]+/g, '-')
  const security = op.security === undefined ? 'none' : op.security.map((s) => Object.keys(s).length === 0 ? 'none' : Object.keys(s).map((k) => `${k} (bearer)`).join(' + ')).join(' or ')
  const body = op.requestBody?.content ?? {}
  return h('section', { id, 'aria-labelledby': `${id}-t` },
    h('h3', { id: `${id}-t` }, h('code', {}, `${method.toUpperCase()} ${path}`), op.summary ? ` — ${op.summary}` : ''),
    op.description === undefined ? null : h('p', {}, op.description),
    h('p', {}, `Authentication: ${op.security === undefined && path.startsWith('/webhooks/') ? 'the signature (above)' : security}`),
    table('Parameters', ['in', 'name', 'required', 'type'], (op.parameters ?? []).map((p) => [p.in, h('code', {}, p.name), p.required ? 'yes' : 'no', h('code', {}, typeOf(doc, p.schema))])),
    Object.keys(body).length === 0 ? null : table('Request body', ['content type', 'schema'], Object.entries(body).map(([type, media]) => [type, h('code', {}, typeOf(doc, media.schema))])),
    table('Responses', ['status', 'meaning', 'headers', 'body'], Object.entries(op.responses ?? {}).map(([code, response]) => [
      code, response.description ?? '', Object.keys(response.headers ?? {}).join(', ') || '—',
      h('code', {}, Object.entries(response.content ?? {}).map(([type, media]) => `${type}: ${typeOf(doc, media.schema)}`).join('; ') || '—')
    ])))
}

try {
  const response = await fetch('/docs/json')
  const doc = await response.json()
  $('intro').replaceChildren(h('strong', {}, `${doc.info.title} ${doc.info.version}. `), doc.info.description ?? '')
  const entries = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => [path, method, op]))
  $('toc').replaceChildren(h('ul', {}, entries.map(([path, method]) => h('li', {}, h('a', { href: `#${`${method}-${path}`.replace(/[^a-zA-Z0-9]+/g, '-')}` }, `${method.toUpperCase()} ${path}`)))))
  $('routes').replaceChildren(...entries.map(([path, method, op]) => operation(doc, path, method, op)))
} catch (error) {
  $('status').textContent = `The document could not be loaded: ${error.message}`
}
