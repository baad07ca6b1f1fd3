import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface FaultProxy {
  url: string
  /** Calls answered by the proxy itself with an error, and calls forwarded. */
  counts: { faulted: number, forwarded: number }
  close: () => Promise<void>
}

const FAULTS = [500, 502, 503, 429] as const

/**
 * A local proxy in front of one emulator: a share `faultRate` of calls is answered
 * 500/502/503/429 (half of them with `Retry-After: 1`) without reaching it, and every call
 * waits 0–`maxLatencyMs` first. `random` makes a run repeatable. Loopback only.
 */
export async function startFaultProxy (target: string, options: { faultRate: number, maxLatencyMs: number, random?: () => number }): Promise<FaultProxy> {
  const random = options.random ?? Math.random
  const upstream = new URL(target)
  const counts = { faulted: 0, forwarded: 0 }
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    setTimeout(() => {
      if (random() < options.faultRate) {
        counts.faulted++
        const status = FAULTS[Math.floor(random() * FAULTS.length)]!
        req.resume()
        res.writeHead(status, { 'content-type': 'application/json', ...(random() < 0.5 ? { 'retry-after': '1' } : {}) })
        res.end(JSON.stringify({ code: status, message: 'injected fault' }))
        return
      }
      counts.forwarded++
      const forward = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      })
      forward.on('error', () => { if (!res.headersSent) res.writeHead(502); res.end() })
      req.pipe(forward)
    }, Math.floor(random() * options.maxLatencyMs))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    close: async () => { server.closeAllConnections(); await new Promise<void>((resolve) => server.close(() => { resolve() })) }
  }
}

/** A small seeded generator (mulberry32), so a soak's faults can be replayed. */
export function seeded (seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
