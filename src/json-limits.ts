/** Deeper than any body this service takes (an Akeneo event with price collections is ~10). */
export const MAX_JSON_DEPTH = 64
/** Admin bodies are a few fields; anything near this is not a real call. */
export const ADMIN_BODY_LIMIT = 16 * 1024

const QUOTE = 0x22
const BACKSLASH = 0x5c
const OPENERS = new Set([0x5b, 0x7b])
const CLOSERS = new Set([0x5d, 0x7d])

/**
 * True when the JSON text nests arrays/objects deeper than `max`, found by one pass over
 * the bytes (strings skipped) before JSON.parse builds anything: a 1 MiB `[[[[…` would
 * otherwise become half a million arrays. UTF-8 continuation bytes never equal these ASCII
 * codes, so a Buffer and its string scan alike.
 */
export function nestsDeeperThan (text: Buffer | string, max = MAX_JSON_DEPTH): boolean {
  const at = typeof text === 'string' ? (i: number) => text.charCodeAt(i) : (i: number) => text[i]!
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const code = at(i)
    if (inString) {
      if (code === BACKSLASH) i++
      else if (code === QUOTE) inString = false
    } else if (code === QUOTE) {
      inString = true
    } else if (OPENERS.has(code)) {
      if (++depth > max) return true
    } else if (CLOSERS.has(code)) {
      depth--
    }
  }
  return false
}

/** An error or log message of bounded length: a body's keys or values never flow out whole. */
export function bounded (message: string, max = 300): string {
  return message.length <= max ? message : `${message.slice(0, max)}… (${message.length - max} more characters)`
}
