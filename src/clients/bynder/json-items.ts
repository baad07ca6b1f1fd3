const [SPACE, TAB, LF, CR, COMMA, QUOTE, BACKSLASH] = [0x20, 0x09, 0x0a, 0x0d, 0x2c, 0x22, 0x5c]
const [OPEN_ARRAY, CLOSE_ARRAY, OPEN_OBJECT, CLOSE_OBJECT] = [0x5b, 0x5d, 0x7b, 0x7d]
const isSpace = (byte: number | undefined): boolean => byte === SPACE || byte === TAB || byte === LF || byte === CR

/**
 * The items of a JSON body that is a top-level array, each parsed on its own only when it
 * is reached; undefined when the body is not an array (the caller parses it whole). A page
 * of 1,000 Bynder assets is ~800 KB: parsed whole, its text and objects land in V8's old
 * generation (large, and alive across collections), where they stay until a full
 * collection — a listing of 20,000 assets then grew the process by tens of MB. Item by
 * item, each text and object is small and dies young, as long as the caller does not
 * hold on to it. `count` is known before any item is parsed (the array is scanned first,
 * which also throws SyntaxError on a malformed structure); an item JSON.parse refuses
 * throws SyntaxError when it is reached. Iterating again parses again.
 */
export function jsonArrayItems (body: Buffer): (Iterable<unknown> & { count: number }) | undefined {
  const spans = jsonArraySpans(body)
  if (spans === undefined) return undefined
  return {
    count: spans.length / 2,
    * [Symbol.iterator] () {
      for (let i = 0; i < spans.length; i += 2) yield JSON.parse(body.toString('utf8', spans[i], spans[i + 1]))
    }
  }
}

/** Where each item starts and ends (start, end, start, end, …): a scan of the bytes, nothing parsed. */
function jsonArraySpans (body: Buffer): Uint32Array | undefined {
  let i = 0
  while (isSpace(body[i])) i++
  if (body[i] !== OPEN_ARRAY) return undefined
  i++
  const spans: number[] = []
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
    spans.push(start, i)
    if (body[i] === CLOSE_ARRAY) break
    i++
  }
  i++
  while (isSpace(body[i])) i++
  if (i < body.length) throw new SyntaxError('Unexpected non-whitespace character after JSON array')
  // A typed array: a page's thousand offsets as one small object rather than a boxed list.
  return Uint32Array.from(spans)
}
