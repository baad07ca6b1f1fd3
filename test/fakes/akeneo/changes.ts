import type { FastifyRequest } from 'fastify'
import { authorOf } from './auth.js'
import type { EntityChangedEvent, FakeControls } from './controls.js'
import type { PatchResult } from './entities.js'
import { productIdentifier, type FakeAkeneoState, type FakeProduct, type FakeProductModel } from './state.js'

type Changed = { kind: 'product', result: PatchResult<FakeProduct> } | { kind: 'product_model', result: PatchResult<FakeProductModel> }

/**
 * After an accepted write: logs and emits the change event the Event Platform would deliver
 * (also for this connection's own writes, as Akeneo does), authored by the token's user. A
 * write that changed nothing emits nothing.
 */
export function recordChange (state: FakeAkeneoState, controls: FakeControls, request: FastifyRequest, changed: Changed): void {
  if (!changed.result.changed) return
  const action = changed.result.status === 201 ? 'created' : 'updated'
  const base = { action, author: authorOf(controls, request), at: changed.result.entity.updated } as const
  let event: EntityChangedEvent
  if (changed.kind === 'product') {
    const product = changed.result.entity
    const identifier = productIdentifier(state, product)
    event = { type: 'product', uuid: product.uuid, ...(identifier === null ? {} : { identifier }), ...base }
  } else {
    event = { type: 'product_model', code: changed.result.entity.code, ...base }
  }
  controls.changes.push(event)
  controls.events.emit('entityChanged', event)
}
