import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type { Database } from 'better-sqlite3'

// Plain CommonJS, evaluated in the thread: no file to find under tsx or in dist/.
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file, { fileMustExist: true })
db.pragma('busy_timeout = 5000')
const checkpoint = () => { try { db.pragma('wal_checkpoint(PASSIVE)') } catch {} }
const timer = setInterval(checkpoint, workerData.everyMs)
parentPort.on('message', () => {
  clearInterval(timer)
  db.close()
  parentPort.close()
})
`

/** Frames the WAL may reach before the writer checkpoints itself (the default is 1,000). */
export const BACKSTOP_FRAMES = 8000

export interface Checkpointer {
  /** Call after each intake commit (counted to decide when the thread is worth starting). */
  committed: () => void
  close: () => Promise<void>
}

/**
 * WAL checkpoints off the event loop (issue 14). SQLite checkpoints in the connection whose
 * commit crosses `wal_autocheckpoint`, and with `synchronous = NORMAL` a checkpoint is where
 * the fsyncs happen: one delivery in a few hundred stalled the event loop for tens of ms,
 * which was half of intake's wall time. Here a thread with its own connection copies the WAL
 * into the database (PASSIVE: it never blocks the writer) every `everyMs` — on a timer, not
 * nudged by the writer: a message per commit cost the event loop more than it saved.
 * A PASSIVE checkpoint cannot reset a WAL that is still being appended to, so the writer keeps
 * an autocheckpoint as a backstop at `BACKSTOP_FRAMES`: by then the thread has copied almost
 * every frame, and the writer's own checkpoint finishes the rest and lets the WAL restart.
 * Durability is unchanged: a commit is in the WAL before the 2xx, as before.
 *
 * Started after `startAfter` intake commits, so that the many short-lived stores of the test
 * suite (and a quiet service) never pay for a thread; until then SQLite's default applies.
 */
export function sqliteCheckpointer (db: Database, file: string, options: { startAfter?: number, everyMs?: number } = {}): Checkpointer {
  const startAfter = options.startAfter ?? 64
  let commits = 0
  let thread: Worker | undefined
  let exited: Promise<void> | undefined

  const start = (): void => {
    thread = new Worker(THREAD, { eval: true, workerData: { file, driver: createRequire(import.meta.url).resolve('better-sqlite3'), everyMs: options.everyMs ?? 100 } })
    thread.unref()
    exited = new Promise((resolve) => thread!.once('exit', () => resolve()))
    // A thread that fails (file gone, driver not loadable) leaves the writer's own checkpoints.
    thread.once('error', () => { if (db.open) db.pragma('wal_autocheckpoint = 1000') })
    db.pragma(`wal_autocheckpoint = ${BACKSTOP_FRAMES}`)
  }

  return {
    committed: () => {
      commits++
      if (commits === startAfter) start()
    },
    close: async () => {
      // Held while it closes: an unref'd thread would let the process end with its connection open.
      thread?.ref()
      thread?.postMessage('close')
      await exited
    }
  }
}
