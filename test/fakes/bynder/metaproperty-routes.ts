import type { FastifyInstance } from 'fastify'
import { addOption } from './catalog.js'
import { fail, formOf, hasRight, one, paging } from './http-helpers.js'
import { bynderOptionName } from './ids.js'
import type { FakeBynderState, FakeMetaproperty, FakeOption } from './state.js'

const renderOption = (o: FakeOption): Record<string, unknown> => ({
  id: o.id, name: o.name, label: o.label, displayLabel: o.label, labels: o.labels, active: o.active ? 1 : 0
})

// Bynder sends these flags as 0/1.
const renderMetaproperty = (mp: FakeMetaproperty): Record<string, unknown> => ({
  id: mp.id,
  name: mp.name,
  label: mp.label,
  type: mp.type,
  isMultiselect: mp.isMultiselect ? 1 : 0,
  isApiField: mp.isApiField ? 1 : 0,
  isRequired: mp.isRequired ? 1 : 0,
  isFilterable: 1,
  options: mp.options.map(renderOption)
})

export function registerMetaproperties (app: FastifyInstance, state: FakeBynderState): void {
  // Keyed by id on purpose (Bynder keys by name): clients must index by each entry's fields.
  app.get('/api/v4/metaproperties/', async () =>
    Object.fromEntries([...state.metaproperties.values()].map((mp) => [mp.id, renderMetaproperty(mp)])))

  app.get<{ Params: { id: string } }>('/api/v4/metaproperties/:id/', async (request, reply) => {
    const mp = state.metaproperties.get(request.params.id)
    return mp === undefined ? fail(reply, 404, 'Metaproperty not found') : renderMetaproperty(mp)
  })

  // `name` is a search (case-insensitive substring): clients must check for an exact match.
  app.get<{ Params: { id: string } }>('/api/v4/metaproperties/:id/options/', async (request, reply) => {
    const mp = state.metaproperties.get(request.params.id)
    if (mp === undefined) return fail(reply, 404, 'Metaproperty not found')
    const q = request.query as Record<string, unknown>
    const pg = paging(q)
    if (typeof pg === 'string') return fail(reply, 400, pg)
    const name = one(q.name)?.toLowerCase()
    const found = mp.options.filter((o) => name === undefined || o.name.toLowerCase().includes(name))
    return found.slice((pg.page - 1) * pg.limit, pg.page * pg.limit).map(renderOption)
  })

  app.post<{ Params: { id: string } }>('/api/v4/metaproperties/:id/options/', async (request, reply) => {
    if (!hasRight(request, 'METAPROPERTYMANAGEMENT')) return fail(reply, 403, 'Forbidden: METAPROPERTYMANAGEMENT required')
    const mp = state.metaproperties.get(request.params.id)
    if (mp === undefined) return fail(reply, 404, 'Metaproperty not found')
    const form = formOf(request)
    if (form === undefined) return fail(reply, 400, 'Content-Type must be application/x-www-form-urlencoded')
    const keys = Object.keys(form.fields)
    if (keys.length !== 1 || keys[0] !== 'data') return fail(reply, 400, 'Expected exactly one form field: data')
    const data = parseData(form.fields.data!)
    if (data === undefined) return fail(reply, 400, 'data must be a JSON object with a non-empty "name"')
    const name = bynderOptionName(data.name)
    const existing = mp.options.find((o) => o.name === name)
    if (existing !== undefined) return fail(reply, 400, 'Option name already exists', { existingUUID: existing.id })
    const option = addOption(mp, { name, label: data.label ?? data.name, ...(data.labels === undefined ? {} : { labels: data.labels }) })
    return reply.code(201).send({ id: option.id, message: 'Created', statuscode: 201 })
  })
}

function parseData (raw: string): { name: string, label?: string, labels?: Record<string, string> } | undefined {
  let parsed: unknown
  try { parsed = JSON.parse(raw) } catch { return undefined }
  if (typeof parsed !== 'object' || parsed === null) return undefined
  const { name, label, labels } = parsed as Record<string, unknown>
  if (typeof name !== 'string' || name.trim() === '') return undefined
  return {
    name,
    ...(typeof label === 'string' ? { label } : {}),
    ...(typeof labels === 'object' && labels !== null ? { labels: labels as Record<string, string> } : {})
  }
}
