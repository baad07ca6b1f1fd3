/** Deeper than any body this service takes (an Akeneo event with price collections is ~10). */
export const MAX_JSON_DEPTH = 64
/** Admin bodies are a few fields; anything near this is not a real call. */
export const ADMIN_BODY_LIMIT = 16 * 1024

const QUOTE = 0x22
const BACKSLASH = 0x5c
const OPEN_ARRAY = 0x5b
const OPEN_OBJECT = 0x7b
const CLOSE_ARRAY = 0x5d
const CLOSE_OBJECT = 0x7d

/**
 * True when the JSON text nests arrays/objects deeper than `max`, found by one pass over
 * the bytes (strings skipped) before JSON.parse builds anything: a 1 MiB `[[[[…` would
 * otherwise become half a million arrays. UTF-8 continuation bytes never equal these ASCII
 * codes, so a string is scanned as its UTF-8 bytes. One tight loop over bytes with plain
 * comparisons: a per-byte accessor and Set lookups made this scan cost twice the JSON.parse
 * of a webhook body (2.7 µs for 334 bytes, issue 14).
 */
export function nestsDeeperThan (text: Buffer | string, max = MAX_JSON_DEPTH): boolean {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text
  const length = bytes.length
  let depth = 0
  for (let i = 0; i < length; i++) {
    const code = bytes[i]
    if (code === QUOTE) {
      for (i++; i < length; i++) {
        const inside = bytes[i]
        if (inside === BACKSLASH) i++
        else if (inside === QUOTE) break
      }
    } else if (code === OPEN_ARRAY || code === OPEN_OBJECT) {
      if (++depth > max) return true
    } else if (code === CLOSE_ARRAY || code === CLOSE_OBJECT) {
      depth--
    }
  }
  return false
}

/** An error or log message of bounded length: a body's keys or values never flow out whole. */
export function bounded (message: string, max = 300): string {
  return message.length <= max ? message : `${message.slice(0, max)}… (${message.length - max} more characters)`
}
