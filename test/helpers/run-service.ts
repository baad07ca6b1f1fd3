import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { resolve } from 'node:path'

const SERVER = resolve('src/server.ts')
const TSX = import.meta.resolve('tsx')

export interface RunningService {
  url: string
  /** Everything the process wrote to stdout so far (pino JSON lines). */
  output: () => string
  /** SIGTERM, then waits for the graceful close; the exit code. */
  stop: () => Promise<number | null>
}

/**
 * The real service (`src/server.ts` through tsx, as `npm start` runs it) in its own process,
 * with only PATH, HOME and `env` set; `PORT=0` and `LOG_LEVEL` info or lower, so the
 * address is read from its "Server listening at" line.
 */
export async function startService (env: Record<string, string>, timeoutMs = 20_000): Promise<RunningService> {
  const child = spawn(process.execPath, ['--import', TSX, SERVER], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString() })
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  const exited = once(child, 'exit').then(([code]) => code as number | null)
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => { child.kill(); reject(new Error(`service did not listen within ${timeoutMs} ms:\n${stderr}`)) }, timeoutMs)
    const look = (): void => {
      const found = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)
      if (found !== null) { clearTimeout(timer); child.stdout.off('data', look); resolve(found[1]!) }
    }
    child.stdout.on('data', look)
    void exited.then((code) => { clearTimeout(timer); reject(new Error(`service exited with ${String(code)} before listening:\n${stderr}`)) })
  })
  return {
    url,
    output: () => stdout,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM')
      return await exited
    }
  }
}
