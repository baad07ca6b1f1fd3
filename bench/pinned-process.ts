import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { basename, resolve } from 'node:path'

const TSX = import.meta.resolve('tsx')
const CLOCK_TICKS_PER_S = 100

/** Whether processes can be pinned to a core: `taskset` present and at least two cores. */
export const PINNING = availableParallelism() >= 2 && spawnSync('taskset', ['-V']).status === 0

export interface PinnedProcess {
  child: ChildProcess
  /** What the child sent when it was ready (a server: its port). */
  ready: { port?: number }
  /** Sends one command and resolves with the child's answer (one answer per command). */
  ask: <T>(command: unknown) => Promise<T>
  /** CPU seconds (user + system, all threads) the process has used so far. */
  cpuSeconds: () => number
  close: () => Promise<void>
}

/**
 * A TypeScript file in its own Node process, pinned to `core` with taskset where it can be
 * (taskset execs node, so the pid, the IPC channel and /proc/<pid>/stat are node's own).
 * Its stdout is discarded: a server's info-level log costs what it costs in production.
 * `BENCH_CPU_PROF=<dir>` writes a V8 CPU profile of each process into <dir> when it exits
 * (`node --cpu-prof`; for finding where the time goes, not for figures: it slows the process).
 */
export async function startPinned (script: string, core: number, env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<PinnedProcess> {
  const profile = process.env.BENCH_CPU_PROF === undefined || process.env.BENCH_CPU_PROF === ''
    ? []
    : ['--cpu-prof', `--cpu-prof-dir=${resolve(process.env.BENCH_CPU_PROF)}`, `--cpu-prof-name=${basename(script, '.ts')}-${Date.now()}.cpuprofile`]
  const node = [process.execPath, ...profile, '--import', TSX, ...nodeArgs, resolve(script)]
  const [command, ...args] = PINNING ? ['taskset', '-c', String(core), ...node] : node
  const child = spawn(command!, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] })
  const answers: Array<(value: unknown) => void> = []
  child.on('message', (message) => answers.shift()?.(message))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const ready = await new Promise<{ port?: number }>((resolve, reject) => {
    answers.push((message) => resolve(message as { port?: number }))
    child.once('exit', (code) => reject(new Error(`${script} exited ${code} before it was ready`)))
  })
  return {
    child,
    ready,
    ask: async <T>(message: unknown) => {
      const answer = new Promise<unknown>((resolve) => answers.push(resolve))
      child.send(message as object)
      const reply = await answer as { ok: boolean, error?: string, result?: T }
      if (!reply.ok) throw new Error(`${script}: ${reply.error}`)
      return reply.result as T
    },
    cpuSeconds: () => {
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
      return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S
    },
    close: async () => {
      if (child.exitCode === null) child.send({ type: 'exit' })
      await exited
    }
  }
}
