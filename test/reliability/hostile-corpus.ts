import { cloudEvent, eventPlatformHeaders, eventsApiHeaders } from '../helpers/akeneo-signer.js'
import type { SnsFake } from '../helpers/sns-signer.js'
import { SOAK_ADMIN_TOKEN, SOAK_EP_SECRET, SOAK_EVENTS_API_SECRET } from './world.js'

export interface HostileRequest { kind: string, method: string, path: string, headers?: Record<string, string>, body?: string }

const SNS = { 'content-type': 'text/plain; charset=UTF-8' }
const JSON_TYPE = { 'content-type': 'application/json' }
const MIB = 1024 * 1024

/** ~1 MiB that nests half a million levels deep (just under the 1 MiB webhook limit). */
export const nestedBomb = (open = '[', close = ']'): string => open.repeat(MIB / 2 - 16) + close.repeat(MIB / 2 - 16)
/** ~1 MiB of one flat object with many keys. */
const wideBomb = (): string => `{${Array.from({ length: 70_000 }, (_, i) => `"k${i}":0`).join(',')}}`.slice(0, MIB - 64).replace(/,[^,]*$/, '}')

/** Forged and altered signatures, certificate-URL tricks, bombs, bad bodies, path tricks, admin calls without a token. */
export function hostileCorpus (sns: SnsFake): HostileRequest[] {
  const good = sns.notification({ mediaId: 'HOSTILE-1' })
  const snsPost = (kind: string, message: unknown): HostileRequest => ({ kind, method: 'POST', path: '/webhooks/bynder', headers: SNS, body: JSON.stringify(message) })
  const base = sns.baseUrl
  const certTricks = [`${base}/sns/../evil/x.pem`, `${base}/x/%2e%2e/evil/x.pem`, `${base}/a%2F..%2Fevil/x.pem`, `http://u:p@${base.slice(7)}/SimpleNotificationService-test.pem`,
    `${base}/SimpleNotificationService-test.pem?x=.pem`, `${base}/evil/x.pem#a.pem`, `https://sns.eu-west-1.amazonaws.com.evil.example/x.pem`, `http://localhost:${new URL(base).port}/SimpleNotificationService-test.pem`,
    'file:///etc/passwd.pem', `${base}/missing-${Math.random().toString(36).slice(2)}.pem`]
  const ep = JSON.stringify(cloudEvent())
  const eventsApi = JSON.stringify({ events: [] })
  const list: HostileRequest[] = [
    snsPost('forged signature', { ...good, Message: JSON.stringify({ media_id: 'SOMEONE-ELSE' }) }),
    snsPost('altered signature', { ...good, Signature: good.Signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) }),
    snsPost('signature version 3', { ...good, SignatureVersion: '3' }),
    snsPost('no signature', { ...good, Signature: '' }),
    snsPost('subscribe to elsewhere', sns.confirmation({ subscribeUrl: 'http://127.0.0.2:9/confirm' })),
    ...certTricks.map((certUrl) => snsPost('certificate URL trick', sns.notification({ mediaId: 'HOSTILE-2', certUrl }))),
    { kind: 'akeneo unsigned', method: 'POST', path: '/webhooks/akeneo', headers: JSON_TYPE, body: ep },
    { kind: 'akeneo wrong secret', method: 'POST', path: '/webhooks/akeneo', headers: eventPlatformHeaders(ep, 'not-the-secret'), body: ep },
    { kind: 'akeneo altered body', method: 'POST', path: '/webhooks/akeneo', headers: eventPlatformHeaders(ep, SOAK_EP_SECRET), body: ep.replace('updated', 'deleted') },
    { kind: 'events api stale timestamp', method: 'POST', path: '/webhooks/akeneo', headers: eventsApiHeaders(eventsApi, SOAK_EVENTS_API_SECRET, Math.floor(Date.now() / 1000) - 3600), body: eventsApi },
    { kind: 'invalid body', method: 'POST', path: '/webhooks/bynder', headers: SNS, body: '{"Type":' },
    { kind: 'invalid body', method: 'POST', path: '/webhooks/bynder', headers: SNS, body: '' },
    { kind: 'invalid body', method: 'POST', path: '/webhooks/bynder', headers: { 'content-type': 'application/xml' }, body: '<x/>' },
    { kind: 'invalid body', method: 'POST', path: '/webhooks/akeneo', headers: eventPlatformHeaders('[1,', SOAK_EP_SECRET), body: '[1,' },
    { kind: 'oversized', method: 'POST', path: '/webhooks/bynder', headers: SNS, body: 'x'.repeat(MIB + 10) },
    { kind: 'oversized', method: 'POST', path: '/webhooks/akeneo', headers: JSON_TYPE, body: 'x'.repeat(2 * MIB) },
    { kind: 'oversized', method: 'POST', path: '/replay', headers: { ...JSON_TYPE, authorization: `Bearer ${SOAK_ADMIN_TOKEN}` }, body: wideBomb() },
    { kind: 'path trick', method: 'GET', path: '/webhooks/bynder/../events' },
    { kind: 'path trick', method: 'GET', path: '/webhooks/akeneo/%2e%2e/events' },
    { kind: 'path trick', method: 'GET', path: '//events' },
    { kind: 'path trick', method: 'GET', path: '/events/..%2f..%2fetc%2fpasswd' },
    { kind: 'path trick', method: 'POST', path: '/webhooks/bynder/..%2f..%2freplay', headers: SNS, body: '{}' },
    { kind: 'path trick', method: 'GET', path: '/links;.css' },
    { kind: 'path trick', method: 'GET', path: '/replay/1%00' }
  ]
  for (const [method, path] of [['GET', '/events'], ['GET', '/events/1'], ['POST', '/events/1/retry'], ['GET', '/links'], ['POST', '/replay'], ['GET', '/replay/1']] as const) {
    const body = method === 'POST' ? JSON.stringify({ jobs: ['import-assets'], bogus: 'x'.repeat(1000) }) : undefined
    list.push({ kind: 'admin without token', method, path, ...(body === undefined ? {} : { headers: JSON_TYPE, body }) })
    list.push({ kind: 'admin wrong token', method, path, headers: { ...(body === undefined ? {} : JSON_TYPE), authorization: 'Bearer soak-admin-token-5b0e9c1d7a3e' }, ...(body === undefined ? {} : { body }) })
  }
  return list
}

/** JSON bombs: deeply nested and wide ~1 MiB bodies, to the SNS route, a signed Akeneo event and the admin API. */
export function jsonBombs (): HostileRequest[] {
  const deep = nestedBomb()
  const deepObjects = nestedBomb('{"a":', '}').slice(0, MIB - 64)
  return [
    { kind: 'json bomb', method: 'POST', path: '/webhooks/bynder', headers: SNS, body: deep },
    { kind: 'json bomb', method: 'POST', path: '/webhooks/bynder', headers: SNS, body: wideBomb() },
    { kind: 'json bomb', method: 'POST', path: '/webhooks/akeneo', headers: eventPlatformHeaders(deep, SOAK_EP_SECRET), body: deep },
    { kind: 'json bomb', method: 'POST', path: '/webhooks/akeneo', headers: eventPlatformHeaders(deepObjects, SOAK_EP_SECRET), body: deepObjects },
    { kind: 'json bomb', method: 'POST', path: '/replay', headers: JSON_TYPE, body: deep },
    { kind: 'json bomb', method: 'POST', path: '/replay', headers: { ...JSON_TYPE, authorization: `Bearer ${SOAK_ADMIN_TOKEN}` }, body: deep.slice(0, 15_000) }
  ]
}
