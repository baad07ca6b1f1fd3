import type { FastifyInstance } from 'fastify'
import { fail, formOf, hasRight } from './http-helpers.js'
import { isoSeconds } from './ids.js'
import { isSelectLike, type FakeAsset, type FakeBynderState, type WriteRecord } from './state.js'

const DANGEROUS = new Set(['name', 'description', 'tags', 'archive', 'isPublic'])
const BOOL: Record<string, boolean> = { 1: true, true: true, 0: false, false: false }

/**
 * `POST /api/v4/media/{id}/`, form-encoded only. Everything is validated before anything
 * changes, so a 400 leaves the asset untouched.
 */
export function registerMediaWrite (app: FastifyInstance, state: FakeBynderState): void {
  app.post<{ Params: { id: string } }>('/api/v4/media/:id/', async (request, reply) => {
    if (!hasRight(request, 'MEDIAEDIT')) return fail(reply, 403, 'Forbidden: MEDIAEDIT required')
    const asset = state.assets.get(request.params.id)
    if (asset === undefined) return fail(reply, 404, 'Media not found')
    const form = formOf(request)
    if (form === undefined) return fail(reply, 400, 'Content-Type must be application/x-www-form-urlencoded')
    const planned = plan(state, asset, form.fields)
    if (typeof planned === 'string') return fail(reply, 400, planned)
    state.writes.push(planned.record)
    // 202 Accepted: queued, applied `writeDelayMs` later (reads until then show the old
    // values); the notification is not held back for it, so a reader it triggers may be stale.
    scheduleApply(state, () => {
      planned.apply()
      asset.dateModified = isoSeconds(new Date())
    })
    state.events.emit('assetModified', { assetId: asset.id, at: planned.record.at, write: planned.record })
    return reply.code(202).send({ message: 'Accepted', statuscode: 202 })
  })
}

/** Writes apply in the order they were accepted, each after the configured delay. */
function scheduleApply (state: FakeBynderState, apply: () => void): void {
  const applied = new Promise<void>((resolve) => {
    setTimeout(() => { apply(); resolve() }, state.settings.writeDelayMs)
  })
  state.pendingWrites.add(applied)
  void applied.then(() => { state.pendingWrites.delete(applied) })
}

function plan (state: FakeBynderState, asset: FakeAsset, fields: Record<string, string>): { record: WriteRecord, apply: () => void } | string {
  const record: WriteRecord = { assetId: asset.id, at: Date.now(), metaproperties: {}, deprecatedOptionNames: [], dangerousFields: {}, ignoredFields: [] }
  const changes: Array<() => void> = []
  for (const [field, value] of Object.entries(fields)) {
    if (field.startsWith('metaproperty.')) {
      const mpId = field.slice('metaproperty.'.length)
      const resolved = resolveMetaproperty(state, mpId, value, record)
      if (typeof resolved === 'string') return resolved
      record.metaproperties[mpId] = value
      // Assumed (reference: unconfirmed): a post replaces the whole set; empty clears it.
      changes.push(() => { asset.values[mpId] = resolved.value })
    } else if (DANGEROUS.has(field)) {
      record.dangerousFields[field] = value
      const change = dangerousChange(asset, field, value)
      if (change === undefined) return `Invalid value for ${field}`
      changes.push(change)
    } else {
      // e.g. `property_<name>=…`: accepted and ignored, as on Bynder.
      record.ignoredFields.push(field)
    }
  }
  return { record, apply: () => { for (const c of changes) c() } }
}

function resolveMetaproperty (state: FakeBynderState, mpId: string, value: string, record: WriteRecord): { value: string[] | string } | string {
  const mp = state.metaproperties.get(mpId)
  if (mp === undefined) return `Unknown metaproperty id ${mpId}`
  if (!isSelectLike(mp)) return { value }
  const tokens = value.split(',').map((t) => t.trim()).filter((t) => t !== '')
  if (tokens.length > 1 && !mp.isMultiselect) return `Metaproperty ${mp.name} accepts a single option`
  const ids: string[] = []
  for (const token of tokens) {
    const byId = mp.options.find((o) => o.id === token)
    const byName = byId ?? mp.options.find((o) => o.name === token)
    if (byName === undefined) return `Unknown option ${token} for metaproperty ${mpId}`
    if (byId === undefined) record.deprecatedOptionNames.push(token)
    ids.push(byName.id)
  }
  return { value: ids }
}

function dangerousChange (asset: FakeAsset, field: string, value: string): (() => void) | undefined {
  switch (field) {
    case 'name': return () => { asset.name = value } // empty wipes the name, as on Bynder
    case 'description': return () => { asset.description = value }
    case 'tags': return () => { asset.tags = value === '' ? [] : value.split(',') }
    case 'archive': {
      const b = BOOL[value]
      return b === undefined ? undefined : () => { asset.archive = b }
    }
    case 'isPublic': {
      const b = BOOL[value]
      // Irreversible: once public, an asset stays public.
      return b === undefined ? undefined : () => { asset.isPublic = asset.isPublic || b }
    }
    default: return undefined
  }
}
