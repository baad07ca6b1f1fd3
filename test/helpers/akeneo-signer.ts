import { randomUUID } from 'node:crypto'
import { hmacHex } from '../../src/webhooks/akeneo-signature.js'

/** Headers the Event Platform sends for `body`, signed with the production HMAC code. */
export function eventPlatformHeaders (body: string, secret: string, secondarySecret?: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-akeneo-signature-algorithm': 'HmacSHA256',
    'x-akeneo-signature-primary': hmacHex(secret, body),
    ...(secondarySecret === undefined ? {} : { 'x-akeneo-signature-secondary': hmacHex(secondarySecret, body) })
  }
}

/** Events API headers: signature over `<timestamp>.<body>`; `timestamp` in unix seconds. */
export function eventsApiHeaders (body: string, secret: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-akeneo-request-timestamp': String(timestamp),
    'x-akeneo-request-signature': hmacHex(secret, `${timestamp}.${body}`)
  }
}

export function cloudEvent (args: { type?: string, uuid?: string, code?: string, author?: string, id?: string } = {}): Record<string, unknown> {
  const type = args.type ?? 'com.akeneo.pim.v1.product.updated'
  const entity = type.includes('product-model') ? { product_model: { code: args.code ?? 'model-tshirt' } } : { product: { uuid: args.uuid ?? randomUUID() } }
  return {
    specversion: '1.0',
    id: args.id ?? randomUUID(),
    type,
    source: 'pim',
    subject: 'subscription-1',
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    data: { ...entity, author: { identifier: args.author ?? 'julia', type: 'user' } }
  }
}

export function eventsApiEvent (args: { action?: string, uuid?: string, code?: string, author?: string, eventId?: string } = {}): Record<string, unknown> {
  const action = args.action ?? 'product.updated'
  const resource = action.startsWith('product_model') ? { code: args.code ?? 'model-tshirt' } : { uuid: args.uuid ?? randomUUID(), identifier: 'sku-1' }
  return {
    action,
    event_id: args.eventId ?? randomUUID(),
    event_datetime: new Date().toISOString(),
    author: args.author ?? 'julia',
    author_type: 'ui',
    pim_source: 'https://pim.example.com',
    data: { resource }
  }
}
