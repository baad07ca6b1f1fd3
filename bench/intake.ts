import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PoolSpec, RunResult, RunSpec } from './load-generator.js'
import { PINNING, startPinned, type PinnedProcess } from './pinned-process.js'
import { withTarget } from './targets.js'

const SECRET = 'bench-event-platform-secret'
const CONNECTIONS = 16
const PAIRS = 5
const RUN_MS = 3000
/** Unique events built per service run, more than it can take in RUN_MS (it stops early otherwise). */
const SERVICE_POOL = 40_000
/** Above this CPU share of its core the generator, not the server, may have set the pace. */
const GENERATOR_SATURATED = 0.85

interface Measured { perSecond: number, cpuPerRequestUs: number, serverShare: number, generator: number, result: RunResult }

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

async function measure (generator: PinnedProcess, server: PinnedProcess, pool: PoolSpec, cycle: boolean): Promise<Measured> {
  await generator.ask({ type: 'pool', spec: pool })
  const cpuBefore = server.cpuSeconds()
  const spec: RunSpec = { port: server.ready.port!, pool: pool.name, connections: CONNECTIONS, durationMs: RUN_MS, cycle }
  const result = await generator.ask<RunResult>({ type: 'run', spec })
  const cpu = server.cpuSeconds() - cpuBefore
  const ok = result.statuses['200'] ?? 0
  if (ok !== result.completed) throw new Error(`non-200 answers: ${JSON.stringify(result.statuses)}`)
  return { perSecond: ok / (result.elapsedMs / 1000), cpuPerRequestUs: cpu * 1e6 / ok, serverShare: cpu / (result.elapsedMs / 1000), generator: result.cpuShare, result }
}

/**
 * Intake throughput (issue 14): signed Event Platform events verified, deduplicated and
 * committed per second, as a ratio to a bare Fastify route that parses the JSON, on the same
 * machine in the same run. Service, baseline and generator each run in their own process,
 * the generator pinned to core 0 and the servers to core 1 (taskset), and the generator's
 * CPU share is checked so that it is never the limit. Runs alternate service/baseline in
 * pairs (order flipped each pair, this machine's speed drifts), and the figure is the median
 * of the pair ratios. Loopback only.
 */
export async function intakeBench (): Promise<Record<string, string | number>> {
  const dir = mkdtempSync(join(tmpdir(), 'connector-bench-intake-'))
  const load = [loadavg()[0]!]
  const generator = await startPinned('bench/load-generator.ts', 0)
  const bare = await startPinned('bench/bare-server.ts', 1)
  const service = await startPinned('bench/intake-server.ts', 1, { BENCH_DIR: dir, BENCH_SECRET: SECRET })
  try {
    const barePool: PoolSpec = { name: 'bare', count: 5000, path: '/bare', secret: SECRET }
    const servicePool = (name: string, count = SERVICE_POOL): PoolSpec => ({ name, count, path: '/webhooks/akeneo', secret: SECRET })
    // Warm-up: JIT, SQLite pages, the worker's first claims.
    await measure(generator, bare, barePool, true)
    await measure(generator, service, servicePool('warm', 10_000), false)
    const persistedBefore = await service.ask<number>({ type: 'events' })
    const pairs: Array<{ service: Measured, bare: Measured }> = []
    let acknowledged = 0
    for (let i = 0; i < PAIRS; i++) {
      const runService = async (): Promise<Measured> => measure(generator, service, servicePool(`run${i}`), false)
      const runBare = async (): Promise<Measured> => measure(generator, bare, barePool, true)
      const pair = i % 2 === 0 ? { service: await runService(), bare: await runBare() } : { bare: await runBare(), service: await runService() }
      acknowledged += pair.service.result.completed
      pairs.push(pair)
    }
    const persisted = await service.ask<number>({ type: 'events' }) - persistedBefore
    if (persisted !== acknowledged) throw new Error(`intake acknowledged ${acknowledged} events but persisted ${persisted}`)
    load.push(loadavg()[0]!)

    const generatorPeak = Math.max(...pairs.flatMap((p) => [p.service.generator, p.bare.generator]))
    const valid = pairs.filter((p) => p.service.generator < GENERATOR_SATURATED && p.bare.generator < GENERATOR_SATURATED)
    const ratios = valid.map((p) => p.service.perSecond / p.bare.perSecond)
    const cpuRatios = pairs.map((p) => p.bare.cpuPerRequestUs / p.service.cpuPerRequestUs)
    const fixed = (values: number[]): string => values.map((v) => v.toFixed(2)).join(' ')
    return {
      'intake / bare route': valid.length < Math.ceil(PAIRS / 2)
        ? `no figure: the generator was saturated in ${PAIRS - valid.length} of ${PAIRS} pairs (CPU share up to ${generatorPeak.toFixed(2)})`
        : withTarget('intake', median(ratios), 2, `median of ${valid.length} pairs: ${fixed(ratios)}`),
      'bare route (req/s)': Math.round(median(pairs.map((p) => p.bare.perSecond))),
      'intake (events persisted/s)': `${Math.round(median(pairs.map((p) => p.service.perSecond)))} (${acknowledged} acknowledged, ${persisted} persisted)`,
      'server CPU/request, bare/intake': `${median(cpuRatios).toFixed(2)} (${Math.round(median(pairs.map((p) => p.service.cpuPerRequestUs)))} µs vs ${Math.round(median(pairs.map((p) => p.bare.cpuPerRequestUs)))} µs)`,
      'server core busy (intake, bare)': `${fixed([median(pairs.map((p) => p.service.serverShare)), median(pairs.map((p) => p.bare.serverShare))])}`,
      'generator CPU share (peak)': `${generatorPeak.toFixed(2)} (a pair counts only below ${GENERATOR_SATURATED})`,
      [`intake p50 / p99 at ${CONNECTIONS} conns`]: `${median(pairs.map((p) => p.service.result.p50)).toFixed(2)} / ${median(pairs.map((p) => p.service.result.p99)).toFixed(2)} ms`,
      'setup': `${PINNING ? 'generator on core 0, servers on core 1 (taskset)' : 'not pinned (no taskset or one core)'}; worker ${process.env.BENCH_WORKER === 'on' ? 'completing every task' : 'not claiming'}; load average ${fixed(load)} (start, end)`
    }
  } finally {
    await Promise.all([generator.close(), bare.close(), service.close()])
    rmSync(dir, { recursive: true, force: true })
  }
}
