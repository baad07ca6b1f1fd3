import { spawn } from 'node:child_process'
import { resolve } from 'node:path'

const CLI = resolve('src/cli.ts')
const TSX = import.meta.resolve('tsx')

export interface CliResult { code: number | null, stdout: string, stderr: string }

/**
 * The real command line (`src/cli.ts` through tsx, as `npm run cli` runs it) in its own
 * process, with only PATH, HOME and `env` set. Async, so emulators in the calling process
 * keep answering. Killed after `timeoutMs` (code null): slow CI machines compile on start.
 * `nodeArgs` come after tsx's loader, so they may `--import` TypeScript files too.
 */
export async function runCli (args: string[], options: { env?: Record<string, string>, cwd?: string, nodeArgs?: string[], timeoutMs?: number } = {}): Promise<CliResult> {
  const child = spawn(process.execPath, ['--import', TSX, ...(options.nodeArgs ?? []), CLI, ...args], {
    cwd: options.cwd ?? process.cwd(),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString() })
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  const timer = setTimeout(() => { child.kill() }, options.timeoutMs ?? 60_000)
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  clearTimeout(timer)
  return { code, stdout, stderr }
}

/** Any command in its own process, stdout and stderr interleaved as a terminal shows them; killed after 90 s (code null). */
export async function runCommand (command: string, args: string[], options: { env: Record<string, string>, cwd?: string }): Promise<{ code: number | null, out: string }> {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString() })
  child.stderr.on('data', (chunk: Buffer) => { out += chunk.toString() })
  const timer = setTimeout(() => { child.kill() }, 90_000)
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  clearTimeout(timer)
  return { code, out }
}
