import { Agent, request } from 'node:http'

/** One POST over a keep-alive agent; resolves with status and elapsed milliseconds. */
export function post (agent: Agent, url: URL, body: string, headers: Record<string, string>): Promise<{ status: number, ms: number }> {
  const started = process.hrtime.bigint()
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume()
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: Number(process.hrtime.bigint() - started) / 1e6 }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

export interface Request { body: string, headers: Record<string, string> }

/**
 * Sends `requests` with at most `concurrency` in flight, stopping early after `maxMs`.
 * Returns requests per second over the whole run and the count of non-200 answers.
 */
export async function saturate (url: URL, requests: Request[], concurrency: number, maxMs: number): Promise<{ perSecond: number, sent: number, failed: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency })
  const started = performance.now()
  let next = 0
  let failed = 0
  const lane = async (): Promise<void> => {
    while (next < requests.length && performance.now() - started < maxMs) {
      const { body, headers } = requests[next++]!
      if ((await post(agent, url, body, headers)).status !== 200) failed++
    }
  }
  await Promise.all(Array.from({ length: concurrency }, lane))
  const seconds = (performance.now() - started) / 1000
  agent.destroy()
  return { perSecond: next / seconds, sent: next, failed }
}

/** Sends at a fixed rate (absolute schedule, so slow answers do not slow the sender). */
export async function paced (url: URL, requests: Request[], perSecond: number): Promise<{ p50: number, p99: number, max: number, failed: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 })
  const started = performance.now()
  const answers: Array<Promise<{ status: number, ms: number }>> = []
  for (let i = 0; i < requests.length; i++) {
    const due = started + (i * 1000) / perSecond
    const wait = due - performance.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    answers.push(post(agent, url, requests[i]!.body, requests[i]!.headers))
  }
  const results = await Promise.all(answers)
  agent.destroy()
  const sorted = results.map((r) => r.ms).sort((a, b) => a - b)
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
  return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1]!, failed: results.filter((r) => r.status !== 200).length }
}
