import { setTimeout as sleep } from 'node:timers/promises'
import { parseArgs } from 'node:util'
import type { FastifyInstance } from 'fastify'
import { unsupportedAkeneo } from '../check/akeneo-version.js'
import { cliOutput, commandEnv, configured, parseCommandLine, readyApp, type CliIo } from '../cli-start.js'
import { DEFAULT_CREDENTIAL_CODE, loadCredentials } from '../config/credentials.js'
import { readEnv } from '../config/env.js'
import { REDACT_PATHS } from '../logger.js'
import type { ReplayRun } from '../store/replay-store.js'
import type { StoredEvent, Task, TaskStatus } from '../store/store.js'
import { replayEventPrefix } from '../task-keys.js'
import { progressLine, succeeded, summary } from './cli-output.js'
import type { ReplayJob } from './jobs.js'
import { ReplayConflictError } from './replay-conflict.js'
import { MAX_WINDOW_MINUTES, windowOf } from './schedule.js'

export const REPLAY_USAGE = `Usage: bynder-akeneo <import-assets|update-properties|update-mapped-properties> [options]

Re-reads what changed in Bynder (import-assets) or Akeneo (update-properties,
update-mapped-properties) in the last N minutes and runs it through the handlers, to
completion, in this process — the cron commands of the PHP connector.

Options (either spelling; --name=value works too):
  --max_updated_time_in_minutes N   window, 1–${MAX_WINDOW_MINUTES} minutes (default 60)
  --credential_code CODE            Bynder credential (default ${DEFAULT_CREDENTIAL_CODE})
  --dry-run                         plan and print the writes, make none
  -h, --help

Exit code: 0 done; 1 a listing failed, a task is dead or the job could not run; 2 usage.
`

export interface ReplayCliIo extends CliIo {
  /** Whether stderr is a terminal (the progress line). */
  tty?: boolean
  progressMs?: number
}

interface Options { help: boolean, minutes: number, credentialCode: string, dryRun: boolean }

class UsageError extends Error {}

function parse (args: string[]): Options {
  let values
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        max_updated_time_in_minutes: { type: 'string' },
        'max-updated-time-in-minutes': { type: 'string' },
        credential_code: { type: 'string' },
        'credential-code': { type: 'string' },
        'dry-run': { type: 'boolean' },
        dry_run: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' }
      }
    }))
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const rawMinutes = values.max_updated_time_in_minutes ?? values['max-updated-time-in-minutes'] ?? '60'
  const minutes = /^\d+$/.test(rawMinutes) ? Number(rawMinutes) : NaN
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_WINDOW_MINUTES) {
    throw new UsageError(`--max_updated_time_in_minutes must be a whole number of minutes from 1 to ${MAX_WINDOW_MINUTES}, got "${rawMinutes}"`)
  }
  const credentialCode = values.credential_code ?? values['credential-code'] ?? DEFAULT_CREDENTIAL_CODE
  if (credentialCode === '') throw new UsageError('--credential_code needs a value')
  return { help: values.help === true, minutes, credentialCode, dryRun: values['dry-run'] === true || values.dry_run === true }
}

/** Dead tasks of the run with their last error, for the summary (the first 20). */
async function deadTasks (app: FastifyInstance, runId: number): Promise<Array<{ event: StoredEvent, task: Task }>> {
  const prefix = replayEventPrefix(runId)
  const events = await app.store.listEvents({ status: 'dead', source: 'replay', limit: 500 })
  return events.filter((event) => event.sourceEventId.startsWith(prefix) && event.task !== null)
    .map((event) => ({ event, task: event.task! })).slice(0, 20)
}

/**
 * `bynder-akeneo import-assets|update-properties|update-mapped-properties`: one run of the
 * window with trigger `cli`, its tasks worked by this process's worker until none is left
 * pending or running (retries included), a progress line on a terminal, a summary at the end.
 * The schedule does not run here: the app is built but never listens.
 */
export async function replayCommand (job: ReplayJob, args: string[], io: ReplayCliIo = {}): Promise<number> {
  const out = cliOutput(io)
  const { stdout, stderr } = out
  const tty = io.tty ?? process.stderr.isTTY === true
  const options = parseCommandLine(`bynder-akeneo ${job}`, REPLAY_USAGE, () => parse(args), out)
  if (typeof options === 'number') return options

  const source = commandEnv(io)
  const app = await configured(`bynder-akeneo ${job}`, 'start', stderr, async () => {
    const env = readEnv(source)
    const credentials = loadCredentials(env, source)
    if (!credentials.has(options.credentialCode)) {
      stderr(`bynder-akeneo ${job}: unknown --credential_code "${options.credentialCode}" (known: ${[...credentials.keys()].join(', ')})\n\n${REPLAY_USAGE}`)
      return 2
    }
    // Logs go to stderr, warnings and up unless LOG_LEVEL asks for more: stdout is the summary.
    const level = source.LOG_LEVEL === undefined || source.LOG_LEVEL === '' ? 'warn' : env.LOG_LEVEL
    // Never listens: no webhook intake for a checkpoint thread to keep free of stalls.
    return await readyApp({ env: source, schedule: false, checkpointThread: false, logger: { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, stream: process.stderr } })
  })
  if (app === undefined) return 1
  if (typeof app === 'number') return app

  try {
    // A PIM before 7.0 would answer every uuid route 404 (read as "deleted"): refuse it up front.
    const refusal = await unsupportedAkeneo(app)
    if (refusal !== null) {
      stderr(`bynder-akeneo ${job}: cannot start.\n${refusal}\n`)
      return 1
    }
    return await runToCompletion(app, job, options, { stdout, stderr, tty, progressMs: io.progressMs ?? 250 })
  } finally {
    await app.close()
  }
}

async function runToCompletion (app: FastifyInstance, job: ReplayJob, options: Options,
  io: { stdout: (text: string) => void, stderr: (text: string) => void, tty: boolean, progressMs: number }): Promise<number> {
  const started = Date.now()
  const window = windowOf(started, options.minutes)
  let run: ReplayRun
  let done: Promise<ReplayRun[]>
  try {
    const startedReplay = await app.replays.start({ jobs: [job], credentialCode: options.credentialCode, windowStart: window.start, windowEnd: window.end, dryRun: options.dryRun, trigger: 'cli' })
    run = startedReplay.runs[0]!
    done = startedReplay.done
  } catch (error) {
    if (!(error instanceof ReplayConflictError)) throw error
    io.stderr(`bynder-akeneo ${job}: not started: ${error.message}\n`)
    return 1
  }

  let interrupted = false
  const interrupt = (): void => { interrupted = true }
  process.once('SIGINT', interrupt)
  process.once('SIGTERM', interrupt)
  let listing = true
  void done.finally(() => { listing = false }).catch(() => {})
  let tasks: Record<TaskStatus, number> = { pending: 0, running: 0, done: 0, dead: 0 }
  let shown = 0
  try {
    for (;;) {
      run = (await app.store.replays.get(run.id))!
      tasks = await app.store.replays.taskProgress(run.id)
      if (io.tty) {
        const line = progressLine(run, tasks, listing)
        io.stderr(`\r${line}${' '.repeat(Math.max(shown - line.length, 0))}`)
        shown = line.length
      }
      if (interrupted || (!listing && tasks.pending + tasks.running === 0)) break
      // The worker polls too; a nudge starts what the listing just queued.
      app.worker.nudge()
      await sleep(io.progressMs)
    }
  } finally {
    process.off('SIGINT', interrupt)
    process.off('SIGTERM', interrupt)
    if (io.tty && shown > 0) io.stderr('\n')
  }
  if (interrupted) await app.replays.close()
  run = (await app.store.replays.get(run.id))!
  tasks = await app.store.replays.taskProgress(run.id)
  const dead = await deadTasks(app, run.id)
  io.stdout(summary({ run, tasks, dead, durationMs: Date.now() - started, interrupted }))
  return succeeded(run, tasks, interrupted) ? 0 : 1
}
