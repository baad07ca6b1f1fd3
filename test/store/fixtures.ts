import type { IncomingEvent, TaskKind } from '../../src/store/store.js'

/** A delivery naming one entity (`<kind>:<entity>`), due when received unless told. */
export function delivery (id: string, entity: string, extra: { at?: number, due?: number, reason?: string, kind?: TaskKind, source?: IncomingEvent['source'] } = {}): IncomingEvent {
  const at = extra.at ?? 100
  const kind = extra.kind ?? 'asset'
  return {
    source: extra.source ?? 'bynder',
    sourceEventId: id,
    type: extra.reason ?? 'asset_bank.media.meta_updated',
    receivedAt: at,
    task: { kind, entityKey: `${kind}:${entity}`, entityId: entity, reason: extra.reason ?? 'asset_bank.media.meta_updated', dueAt: extra.due ?? at }
  }
}
