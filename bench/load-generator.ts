import { connect, type Socket } from 'node:net'
import { cloudEvent, eventPlatformHeaders } from '../test/helpers/akeneo-signer.js'

/**
 * The bench's load generator, in its own process (pinned to its own core by the parent):
 * raw keep-alive sockets, one request in flight per connection, every request serialised
 * before the clock starts, so that per request it only writes bytes and finds the end of
 * an answer. It reports its own CPU share: a run where it was the bottleneck is not a
 * measurement of the server. Driven over IPC by bench/http-load.ts.
 */

export interface PoolSpec { name: string, count: number, path: string, secret: string }
export interface RunSpec { port: number, pool: string, connections: number, durationMs: number, cycle: boolean }
export interface RunResult { completed: number, statuses: Record<string, number>, elapsedMs: number, cpuShare: number, p50: number, p99: number, max: number }
export type Command = { type: 'pool', spec: PoolSpec } | { type: 'run', spec: RunSpec } | { type: 'exit' }

const pools = new Map<string, Buffer[]>()

/**
 * Signed Event Platform CloudEvents, each with its own event id and product, as raw HTTP/1.1.
 * Event ids are random UUIDs, as Akeneo sends them: ids in sequence would land on one page of
 * the deduplication index and hide what a real delivery costs the store.
 */
function buildPool (spec: PoolSpec): Buffer[] {
  return Array.from({ length: spec.count }, () => {
    const body = JSON.stringify(cloudEvent())
    const headers = { ...eventPlatformHeaders(body, spec.secret), host: '127.0.0.1', connection: 'keep-alive', 'content-length': String(Buffer.byteLength(body)) }
    const head = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')
    return Buffer.from(`POST ${spec.path} HTTP/1.1\r\n${head}\r\n${body}`)
  })
}

const HEADER_END = Buffer.from('\r\n\r\n')
const CONTENT_LENGTH = /\r\ncontent-length:\s*(\d+)/i

/** One connection: send, wait for the whole answer, send the next, until told to stop. */
function lane (port: number, next: () => Buffer | undefined, onAnswer: (status: number, ms: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ host: '127.0.0.1', port, noDelay: true })
    let pending: Buffer = Buffer.alloc(0)
    let sentAt = 0
    const send = (): void => {
      const request = next()
      if (request === undefined) { socket.end(); resolve(); return }
      sentAt = performance.now()
      socket.write(request)
    }
    socket.on('connect', send)
    socket.on('error', reject)
    socket.on('data', (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk])
      const end = pending.indexOf(HEADER_END)
      if (end < 0) return
      const head = pending.subarray(0, end).toString('latin1')
      const length = Number(CONTENT_LENGTH.exec(head)?.[1] ?? 0)
      if (pending.length < end + 4 + length) return
      pending = pending.subarray(end + 4 + length)
      onAnswer(Number(head.slice(9, 12)), performance.now() - sentAt)
      send()
    })
  })
}

async function run (spec: RunSpec): Promise<RunResult> {
  const pool = pools.get(spec.pool)
  if (pool === undefined) throw new Error(`no pool ${spec.pool}`)
  const latencies = new Float64Array(spec.cycle ? 2_000_000 : pool.length)
  const statuses: Record<string, number> = {}
  let issued = 0
  let completed = 0
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  const deadline = started + spec.durationMs
  const next = (): Buffer | undefined => {
    if (performance.now() >= deadline || issued >= latencies.length || (!spec.cycle && issued >= pool.length)) return undefined
    return pool[issued++ % pool.length]
  }
  await Promise.all(Array.from({ length: spec.connections }, () => lane(spec.port, next, (status, ms) => {
    latencies[completed++] = ms
    statuses[status] = (statuses[status] ?? 0) + 1
  })))
  const elapsedMs = performance.now() - started
  const cpu = process.cpuUsage(cpuBefore)
  if (!spec.cycle) pools.delete(spec.pool)
  const sorted = latencies.subarray(0, completed).sort()
  const at = (q: number): number => sorted[Math.min(completed - 1, Math.floor(q * completed))] ?? NaN
  return { completed, statuses, elapsedMs, cpuShare: (cpu.user + cpu.system) / 1000 / elapsedMs, p50: at(0.5), p99: at(0.99), max: sorted[completed - 1] ?? NaN }
}

process.on('message', (command: Command) => {
  if (command.type === 'exit') { process.disconnect(); return }
  if (command.type === 'pool') {
    pools.set(command.spec.name, buildPool(command.spec))
    process.send!({ ok: true })
    return
  }
  run(command.spec).then((result) => process.send!({ ok: true, result }), (error: unknown) => process.send!({ ok: false, error: String(error) }))
})
process.send!({ ok: true })
