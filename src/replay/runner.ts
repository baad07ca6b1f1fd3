import type { FastifyBaseLogger } from 'fastify'
import type { ProductDeps } from '../handlers/product-sync.js'
import type { NewReplayRun, ReplayRun } from '../store/replay-store.js'
import type { JobContext } from './job-context.js'
import { replayAssets } from './replay-assets.js'
import { replayProducts } from './replay-products.js'
import { ReplayConflictError } from './replay-conflict.js'
import { RunRecorder } from './run-recorder.js'

export interface ReplayDeps extends ProductDeps {
  log: FastifyBaseLogger
  /** Wakes the worker after an intake. */
  nudge?: () => void
  /** Intake waits while this many tasks are pending (default 5,000: half the default INBOX_MAX_PENDING). */
  maxPending?: number
  /** Idle wait while the inbox is full (default 500 ms). */
  pollMs?: number
  /** How often a live run saves its counts (default 30 s) … */
  heartbeatMs?: number
  /** … and after how long without one it counts as crashed (default 5 min). */
  staleAfterMs?: number
  /** Bynder page size (default 1,000, Bynder's maximum); tests make it small. */
  assetPageSize?: number
  dryRunConcurrency?: number
}

export type ReplayRequest = Omit<NewReplayRun, 'startedAt'>

export const STALE_AFTER_MS = 5 * 60_000

/** Records the run (status `running`), or refuses with ReplayConflictError when one of the same job is live. */
export async function createRun (request: ReplayRequest, deps: Pick<ReplayDeps, 'store' | 'now' | 'staleAfterMs'>): Promise<ReplayRun> {
  const now = (deps.now ?? Date.now)()
  const result = await deps.store.replays.create({ ...request, startedAt: now }, now - (deps.staleAfterMs ?? STALE_AFTER_MS))
  if ('running' in result) throw new ReplayConflictError(result.running)
  return result.created
}

/**
 * Walks the run's listings to the end and records the outcome: `done` when every listing
 * finished (the tasks it queued go on in the inbox), `failed` when one could not be read or
 * the run was interrupted. Never throws for an upstream problem: the run row says it.
 */
export async function executeRun (run: ReplayRun, deps: ReplayDeps, signal?: AbortSignal): Promise<ReplayRun> {
  const now = deps.now ?? Date.now
  const log = deps.log.child({ replayRun: run.id, job: run.job, credential: run.credentialCode, dryRun: run.dryRun })
  const rec = new RunRecorder(run, {
    store: deps.store,
    log,
    now,
    nudge: deps.nudge,
    maxPending: deps.maxPending ?? 5000,
    pollMs: deps.pollMs ?? 500,
    heartbeatMs: deps.heartbeatMs ?? 30_000,
    signal
  })
  const ctx: JobContext = { run, deps, rec, signal, assetPageSize: deps.assetPageSize ?? 1000, dryRunConcurrency: deps.dryRunConcurrency ?? 4 }
  log.info({ windowStart: new Date(run.windowStart).toISOString(), windowEnd: new Date(run.windowEnd).toISOString() }, 'replay run started')
  let interrupted: string | undefined
  try {
    if (run.job === 'import-assets') await replayAssets(ctx)
    else await replayProducts(ctx, run.job)
  } catch (error) {
    interrupted = signal?.aborted === true ? 'interrupted: the service shut down before the listing finished' : `failed: ${(error as Error).message}`
    log.error({ err: error }, 'replay run stopped')
  } finally {
    rec.stop()
  }
  const errors = [...rec.listErrors, ...(interrupted === undefined ? [] : [interrupted])]
  const status = errors.length === 0 ? 'done' : 'failed'
  await deps.store.replays.finish(run.id, {
    status,
    counts: rec.counts,
    ...(run.dryRun ? { planned: rec.plan } : {}),
    ...(errors.length === 0 ? {} : { error: errors.join('; ') }),
    now: now()
  })
  log.info({ status, counts: rec.counts }, 'replay run finished listing')
  return (await deps.store.replays.get(run.id))!
}

/** Creates and executes one run (the CLI, tests). */
export async function runReplay (request: ReplayRequest, deps: ReplayDeps, signal?: AbortSignal): Promise<ReplayRun> {
  return await executeRun(await createRun(request, deps), deps, signal)
}
