/**
 * Frees a response body's bytes now rather than at V8's next full collection (issue 14). A
 * list page is read while its listing works through it, so its Buffer is old by the end and
 * its bytes (outside V8's heap) stay until a mark-compact — which V8 starts for external
 * memory only past 64 MB of it: a replay of 20,000 assets kept every page, 16 MB. Moving the
 * bytes into a fresh ArrayBuffer (transfer, no copy) that is dropped at once lets the next
 * young collection free them. Only a Buffer that is its whole ArrayBuffer is released, never
 * a slice of Node's shared pool or of a socket read; it reads as empty afterwards.
 */
export function releaseBytes (body: Buffer): void {
  const bytes = body.buffer
  if (!(bytes instanceof ArrayBuffer) || body.byteOffset !== 0 || body.byteLength !== bytes.byteLength) return
  try {
    structuredClone(bytes, { transfer: [bytes] })
  } catch {
    // Not transferable: the collector frees it as before.
  }
}
