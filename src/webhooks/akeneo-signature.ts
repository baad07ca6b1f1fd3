import { createHmac, timingSafeEqual } from 'node:crypto'

/** Both Akeneo senders sign with hex HMAC-SHA256 (reference/akeneo-api.md). */
export function hmacHex (secret: string, payload: Buffer | string): string {
  return createHmac('sha256', secret).update(payload).digest('hex')
}

const HEX_SHA256 = /^[0-9a-fA-F]{64}$/

/**
 * True when `provided` (hex) equals the HMAC of `payload` under any of `secrets`. The
 * comparison is on decoded bytes of equal length (timingSafeEqual needs that; the format
 * check guarantees it), so timing reveals nothing about how much of a guess was right.
 */
export function signatureMatches (provided: string | undefined, payload: Buffer | string, secrets: readonly string[]): boolean {
  if (provided === undefined || !HEX_SHA256.test(provided)) return false
  const given = Buffer.from(provided, 'hex')
  let matched = false
  for (const secret of secrets) {
    const expected = createHmac('sha256', secret).update(payload).digest()
    // No early exit: every secret costs the same whichever one matches.
    if (timingSafeEqual(given, expected)) matched = true
  }
  return matched
}

/**
 * Event Platform: `X-AKENEO-SIGNATURE-PRIMARY` (and `-SECONDARY` while a secret rotates)
 * over the raw body. Either header matching either configured secret is enough, so the
 * order in which the operator rotates the PIM's and our settings does not matter.
 */
export function verifyEventPlatform (body: Buffer, headers: { primary?: string, secondary?: string }, secrets: readonly string[]): boolean {
  if (secrets.length === 0) return false
  const primary = signatureMatches(headers.primary, body, secrets)
  const secondary = signatureMatches(headers.secondary, body, secrets)
  return primary || secondary
}

export type EventsApiVerdict = 'ok' | 'bad-signature' | 'stale'

export const EVENTS_API_TOLERANCE_S = 300

/**
 * Events API: `X-Akeneo-Request-Signature` = HMAC of `<timestamp>.<raw body>`; the timestamp
 * (unix seconds) must be within ±300 s, which bounds how long a captured request replays.
 * The signature is checked first so an unsigned caller learns nothing about our clock.
 */
export function verifyEventsApi (body: Buffer, signature: string | undefined, timestamp: string | undefined,
  secrets: readonly string[], nowMs: number): EventsApiVerdict {
  if (secrets.length === 0 || timestamp === undefined || !/^\d{1,12}$/.test(timestamp)) return 'bad-signature'
  const payload = Buffer.concat([Buffer.from(`${timestamp}.`, 'utf8'), body])
  if (!signatureMatches(signature, payload, secrets)) return 'bad-signature'
  return Math.abs(nowMs / 1000 - Number(timestamp)) > EVENTS_API_TOLERANCE_S ? 'stale' : 'ok'
}
