import type { FastifyInstance } from 'fastify'
import { propertyValues, renderAsset } from './asset-view.js'
import { findMetapropertyByName } from './catalog.js'
import { all, fail, one, paging, parseIsoSeconds } from './http-helpers.js'
import type { FakeAsset, FakeBynderState } from './state.js'

const ORDER_BY = /^(dateModified|dateCreated|name) (asc|desc)$/

type Filter = (asset: FakeAsset) => boolean

/**
 * `GET /api/v4/media/`. Where the reference leaves a filter unsettled, the emulator takes
 * the reading a careless client would trip on (see README): `archive`, `limited`, and a
 * strict "after" for `dateModified`.
 */
export function registerMediaList (app: FastifyInstance, state: FakeBynderState): void {
  app.get('/api/v4/media/', async (request, reply) => {
    const q = request.query as Record<string, unknown>
    const pg = paging(q)
    if (typeof pg === 'string') return fail(reply, 400, pg)
    const filters = buildFilters(state, q)
    if (typeof filters === 'string') return fail(reply, 400, filters)
    const orderBy = one(q.orderBy) ?? 'dateCreated desc'
    const order = ORDER_BY.exec(orderBy)
    if (order === null) return fail(reply, 400, `Invalid orderBy: ${orderBy}`)

    const matching = [...state.assets.values()].filter((a) => filters.every((f) => f(a)))
    const key = order[1] as 'dateModified' | 'dateCreated' | 'name'
    const sign = order[2] === 'asc' ? 1 : -1
    matching.sort((a, b) => sign * (a[key].localeCompare(b[key]) || a.id.localeCompare(b.id)))
    const media = matching.slice((pg.page - 1) * pg.limit, pg.page * pg.limit).map((a) => renderAsset(state, a))

    const withTotal = one(q.total) === '1'
    const withCount = one(q.count) === '1'
    if (!withTotal && !withCount) return media
    const body: Record<string, unknown> = { media }
    if (withTotal) body.total = { count: matching.length }
    if (withCount) body.count = { total: matching.length, type: countBy(matching, (a) => a.type) }
    return body
  })
}

function countBy (assets: FakeAsset[], key: (a: FakeAsset) => string): Record<string, number> {
  const out: Record<string, number> = {}
  for (const a of assets) out[key(a)] = (out[key(a)] ?? 0) + 1
  return out
}

function buildFilters (state: FakeBynderState, q: Record<string, unknown>): Filter[] | string {
  const filters: Filter[] = []
  // The strict side of each unsettled reading (README): omitted → active only, `archive=0`
  // → no filter at all, `archive=1` → archived only.
  const archive = one(q.archive)
  if (archive === undefined) filters.push((a) => !a.archive)
  else if (archive === '1' || archive === 'true') filters.push((a) => a.archive)
  else if (archive !== '0' && archive !== 'false') return `Invalid archive: ${archive}`
  // `strict` (default): omitted → limited-usage assets left out (Java SDK: `limited=1` "also"
  // includes them); `limited=1` → limited ones only (OpenAPI: "only"). `javaSdk` and `openApi`
  // take one source each: then one of the two answers holds every asset.
  const limited = one(q.limited)
  const reading = state.settings.limitedReading
  if (limited === undefined || limited === '0' || limited === 'false') {
    if (reading !== 'openApi') filters.push((a) => !a.limited)
  } else if (limited === '1' || limited === 'true') {
    if (reading !== 'javaSdk') filters.push((a) => a.limited)
  } else return `Invalid limited: ${limited}`

  // `dateModified` is "modified after", strictly; `dateModifiedTo` is "up until", inclusive.
  for (const [param, after] of [['dateModified', true], ['dateModifiedTo', false]] as const) {
    const raw = one(q[param])
    if (raw === undefined) continue
    const t = parseIsoSeconds(raw)
    if (t === undefined) return `Invalid ${param}: expected ISO 8601 without milliseconds, e.g. 2026-05-01T10:00:00Z`
    filters.push((a) => after ? Date.parse(a.dateModified) > t : Date.parse(a.dateModified) <= t)
  }
  const ids = one(q.ids)
  if (ids !== undefined) {
    const set = new Set(ids.split(','))
    filters.push((a) => set.has(a.id))
  }
  const type = one(q.type)
  if (type !== undefined) filters.push((a) => a.type === type)
  const keyword = one(q.keyword)?.toLowerCase()
  if (keyword !== undefined) {
    filters.push((a) => [a.name, a.description, ...a.tags].some((s) => s.toLowerCase().includes(keyword)))
  }
  const optionIds = one(q.propertyOptionId)
  if (optionIds !== undefined) {
    const wanted = optionIds.split(',')
    filters.push((a) => wanted.every((id) => Object.values(a.values).some((v) => Array.isArray(v) && v.includes(id))))
  }
  for (const [param, raw] of Object.entries(q)) {
    if (!param.startsWith('property_')) continue
    const mp = findMetapropertyByName(state, param.slice('property_'.length))
    if (mp === undefined) return `Unknown metaproperty in ${param}`
    // Several values (repeated keys or several properties) combine with AND.
    for (const wanted of all(raw)) filters.push((a) => propertyValues(state, a, mp.id).includes(wanted))
  }
  return filters
}
