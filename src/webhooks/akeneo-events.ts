import { Type, type Static } from 'typebox'
import { Compile } from 'typebox/compile'
import type { IncomingEvent } from '../store/store.js'
import { akeneoTaskKey, identifierEntityId, type AkeneoEntityKind } from '../task-keys.js'

/** What the routes insist on (400 otherwise); everything inside `data` is read defensively. */
export const CloudEventSchema = Type.Object({
  specversion: Type.String(),
  id: Type.String({ minLength: 1, maxLength: 200 }),
  type: Type.String({ minLength: 1 }),
  data: Type.Optional(Type.Unknown())
})
export const EventsApiBatchSchema = Type.Object({
  events: Type.Array(Type.Object({
    action: Type.String({ minLength: 1 }),
    event_id: Type.String({ minLength: 1, maxLength: 200 }),
    author: Type.Optional(Type.String()),
    data: Type.Optional(Type.Unknown())
  }), { maxItems: 100 })
})
/** Compiled once: interpreting the schema on every delivery cost ~13 µs each (issue 14). */
export const CloudEventCheck = Compile(CloudEventSchema)
export const EventsApiBatchCheck = Compile(EventsApiBatchSchema)
export type CloudEvent = Static<typeof CloudEventSchema>
export type EventsApiBatch = Static<typeof EventsApiBatchSchema>

const ACTIONS = new Set(['created', 'updated', 'updated.delta', 'deleted', 'removed'])

function field (value: unknown, ...path: string[]): string | undefined {
  let current = value
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return typeof current === 'string' && current !== '' ? current : undefined
}

function productId (data: unknown, key: string): string | undefined {
  const uuid = field(data, key, 'uuid')
  if (uuid !== undefined) return uuid
  const identifier = field(data, key, 'identifier')
  return identifier === undefined ? undefined : identifierEntityId(identifier)
}

interface Normalised { kind: AkeneoEntityKind, action: string, entityId: string | undefined }

function target (kind: AkeneoEntityKind, action: string, entityId: string | undefined, base: Omit<IncomingEvent, 'task'>): IncomingEvent {
  if (entityId === undefined) return { ...base, ignoredReason: kind === 'product' ? 'no product uuid or identifier in the event' : 'no product model code in the event' }
  return { ...base, task: { kind, entityKey: akeneoTaskKey(kind, entityId), entityId, reason: `${kind}.${action}`, dueAt: base.receivedAt } }
}

function decide (parsed: Normalised | null, author: string | undefined, selfAuthors: ReadonlySet<string>, base: Omit<IncomingEvent, 'task'>): IncomingEvent {
  if (parsed === null) return { ...base, ignoredReason: 'event type not handled' }
  // Our own writes come back as events; acting on them would loop (DESIGN §2).
  if (author !== undefined && selfAuthors.has(author)) return { ...base, ignoredReason: `authored by this service (${author})` }
  return target(parsed.kind, parsed.action, parsed.entityId, base)
}

/** `com.akeneo.pim.v1.product-model.updated.delta` → product_model / updated.delta. */
export function eventPlatformEvent (event: CloudEvent, selfAuthors: ReadonlySet<string>, receivedAt: number): IncomingEvent {
  const match = /^com\.akeneo\.pim\.v1\.(product|product-model)\.(.+)$/.exec(event.type)
  const base = { source: 'akeneo_event_platform' as const, sourceEventId: event.id, type: event.type, receivedAt }
  let parsed: Normalised | null = null
  if (match !== null && ACTIONS.has(match[2]!)) {
    parsed = match[1] === 'product'
      ? { kind: 'product', action: match[2]!, entityId: productId(event.data, 'product') }
      : { kind: 'product_model', action: match[2]!, entityId: field(event.data, 'product_model', 'code') }
  }
  return decide(parsed, field(event.data, 'author', 'identifier'), selfAuthors, base)
}

/**
 * Events API actions `product.created|updated|removed`, `product_model.…`. Products are keyed
 * by uuid (Akeneo 7 / SaaS), or by identifier when an older PIM sends none.
 */
export function eventsApiEvents (batch: EventsApiBatch, selfAuthors: ReadonlySet<string>, receivedAt: number): IncomingEvent[] {
  return batch.events.map((event) => {
    const match = /^(product|product_model)\.(.+)$/.exec(event.action)
    const base = { source: 'akeneo_events_api' as const, sourceEventId: event.event_id, type: event.action, receivedAt }
    let parsed: Normalised | null = null
    if (match !== null && ACTIONS.has(match[2]!)) {
      parsed = match[1] === 'product'
        ? { kind: 'product', action: match[2]!, entityId: productId(event.data, 'resource') }
        : { kind: 'product_model', action: match[2]!, entityId: field(event.data, 'resource', 'code') }
    }
    return decide(parsed, event.author, selfAuthors, base)
  })
}
