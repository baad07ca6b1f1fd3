import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto'

/** Both Akeneo senders sign with hex HMAC-SHA256 (reference/akeneo-api.md). */
export function hmacHex (secret: string, payload: Buffer | string): string {
  return createHmac('sha256', secret).update(payload).digest('hex')
}

/** The configured secrets as keys, made once at start: an HMAC from a string key copies it on every delivery (~1 µs of intake, issue 14). */
export type SigningKeys = readonly KeyObject[]

export function signingKeys (secrets: readonly string[]): SigningKeys {
  return secrets.map((secret) => createSecretKey(Buffer.from(secret, 'utf8')))
}

const HEX_SHA256 = /^[0-9a-fA-F]{64}$/

/**
 * True when any of the `provided` signatures (hex) equals the HMAC of the payload (its parts
 * in order) under any of `keys`. Each key's HMAC is computed once, whichever headers carry a
 * signature. The comparison is on decoded bytes of equal length (timingSafeEqual needs that;
 * the format check guarantees it), so timing reveals nothing about how much of a guess was right.
 */
function anySignatureMatches (provided: ReadonlyArray<string | undefined>, parts: ReadonlyArray<Buffer | string>, keys: SigningKeys): boolean {
  const given: Buffer[] = []
  for (const signature of provided) if (signature !== undefined && HEX_SHA256.test(signature)) given.push(Buffer.from(signature, 'hex'))
  if (given.length === 0) return false
  let matched = false
  for (const key of keys) {
    const hmac = createHmac('sha256', key)
    for (const part of parts) hmac.update(part)
    const expected = hmac.digest()
    // No early exit: every key costs the same whichever one matches.
    for (const signature of given) if (timingSafeEqual(signature, expected)) matched = true
  }
  return matched
}

/**
 * Event Platform: `X-AKENEO-SIGNATURE-PRIMARY` (and `-SECONDARY` while a secret rotates)
 * over the raw body. Either header matching either configured secret is enough, so the
 * order in which the operator rotates the PIM's and our settings does not matter.
 */
export function verifyEventPlatform (body: Buffer, headers: { primary?: string | undefined, secondary?: string | undefined }, keys: SigningKeys): boolean {
  return anySignatureMatches([headers.primary, headers.secondary], [body], keys)
}

export type EventsApiVerdict = 'ok' | 'bad-signature' | 'stale'

export const EVENTS_API_TOLERANCE_S = 300

/**
 * Events API: `X-Akeneo-Request-Signature` = HMAC of `<timestamp>.<raw body>`; the timestamp
 * (unix seconds) must be within ±300 s, which bounds how long a captured request replays.
 * The signature is checked first so an unsigned caller learns nothing about our clock.
 */
export function verifyEventsApi (body: Buffer, signature: string | undefined, timestamp: string | undefined,
  keys: SigningKeys, nowMs: number): EventsApiVerdict {
  if (timestamp === undefined || !/^\d{1,12}$/.test(timestamp)) return 'bad-signature'
  if (!anySignatureMatches([signature], [`${timestamp}.`, body], keys)) return 'bad-signature'
  return Math.abs(nowMs / 1000 - Number(timestamp)) > EVENTS_API_TOLERANCE_S ? 'stale' : 'ok'
}
