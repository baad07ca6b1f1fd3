import { randomBytes } from 'node:crypto'

/** Bynder v4 ids: 8-4-4-16 upper-case hex, e.g. `0E242B12-0609-4310-90F58FD42E051771`. */
export function newV4Id (): string {
  const h = randomBytes(16).toString('hex').toUpperCase()
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 32)}`
}

export function newIdHash (): string {
  return randomBytes(8).toString('hex')
}

export function newToken (): string {
  return randomBytes(18).toString('base64url')
}

/** Bynder writes dates as ISO 8601 to the second: `2026-05-01T10:00:00Z`. */
export function isoSeconds (date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** Bynder's option-name rule: spaces and symbols become `_` (ASCII letters, digits and `_` stay). */
export function bynderOptionName (raw: string): string {
  return raw.replace(/[^A-Za-z0-9_]/g, '_')
}
