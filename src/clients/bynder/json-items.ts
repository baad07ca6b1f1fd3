const [SPACE, TAB, LF, CR, COMMA, QUOTE, BACKSLASH] = [0x20, 0x09, 0x0a, 0x0d, 0x2c, 0x22, 0x5c]
const [OPEN_ARRAY, CLOSE_ARRAY, OPEN_OBJECT, CLOSE_OBJECT] = [0x5b, 0x5d, 0x7b, 0x7d]
const isSpace = (byte: number | undefined): boolean => byte === SPACE || byte === TAB || byte === LF || byte === CR

/**
 * The items of a JSON body that is a top-level array, each parsed on its own as it is
 * reached; undefined when the body is not an array (the caller parses it whole). A page
 * of 1,000 Bynder assets is ~800 KB: parsed whole, its text and objects land in V8's old
 * generation (large, and alive across collections), where they stay until a full
 * collection — a listing of 20,000 assets then grew the process by tens of MB. Item by
 * item, each text and object is small and dies young. Malformed JSON throws SyntaxError.
 */
export function jsonArrayItems (body: Buffer): Generator<unknown> | undefined {
  let start = 0
  while (isSpace(body[start])) start++
  if (body[start] !== OPEN_ARRAY) return undefined
  return items(body, start + 1)
}

function * items (body: Buffer, from: number): Generator<unknown> {
  let i = from
  for (let first = true; ; first = false) {
    while (isSpace(body[i])) i++
    if (first && body[i] === CLOSE_ARRAY) break // []
    const start = i
    let depth = 0
    for (; i < body.length; i++) {
      const byte = body[i]
      if (byte === QUOTE) {
        for (i++; i < body.length && body[i] !== QUOTE; i++) if (body[i] === BACKSLASH) i++
      } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) depth++
      else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
        if (depth === 0 && byte === CLOSE_ARRAY) break
        if (depth === 0) throw new SyntaxError(`Unexpected token '}' in JSON array at position ${i}`)
        depth--
      } else if (byte === COMMA && depth === 0) break
    }
    if (i >= body.length) throw new SyntaxError('Unexpected end of JSON input (unterminated array)')
    // JSON.parse checks the item itself (and rejects an empty one: `[1,,2]`).
    yield JSON.parse(body.toString('utf8', start, i))
    if (body[i] === CLOSE_ARRAY) break
    i++
  }
  i++
  while (isSpace(body[i])) i++
  if (i < body.length) throw new SyntaxError('Unexpected non-whitespace character after JSON array')
}
