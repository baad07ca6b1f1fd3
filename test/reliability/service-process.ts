import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

const SERVER = resolve('src/server.ts')
const TSX = import.meta.resolve('tsx')

export interface ServiceProcess {
  url: string
  pid: number
  /** SIGKILL: no graceful close, leases held, whatever was in flight lost. */
  kill: () => Promise<void>
  /** SIGTERM and wait for the exit. */
  stop: () => Promise<void>
  /** Resident set size now, in bytes (Linux /proc; 0 elsewhere). */
  rss: () => number
}

/**
 * The real service (`src/server.ts` through tsx, as `npm start` runs it) in its own process
 * with only `env` (plus PATH/HOME). Resolves once it listens (tsx compiles the source at each start, which takes long on a loaded machine). Every output line goes to `log`.
 */
export async function startService (env: Record<string, string>, log: string[], timeoutMs = 90_000): Promise<ServiceProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', TSX, SERVER], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => { resolve() }))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`service did not listen within ${timeoutMs} ms:\n${log.slice(-20).join('\n')}`)) }, timeoutMs)
    let pending = ''
    const onData = (chunk: Buffer): void => {
      pending += chunk.toString()
      const lines = pending.split('\n')
      pending = lines.pop() ?? ''
      for (const line of lines) {
        log.push(line)
        const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(line)
        if (match !== null) { clearTimeout(timer); resolve(match[1]!) }
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    void exited.then(() => { clearTimeout(timer); reject(new Error(`service exited before listening:\n${log.slice(-20).join('\n')}`)) })
  })
  const pid = child.pid!
  return {
    url,
    pid,
    kill: async () => { child.kill('SIGKILL'); await exited },
    stop: async () => { child.kill('SIGTERM'); await exited },
    rss: () => {
      try {
        const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
        return kb === undefined ? 0 : Number(kb) * 1024
      } catch {
        return 0
      }
    }
  }
}
