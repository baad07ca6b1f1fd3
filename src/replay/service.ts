import type { NewReplayRun, ReplayRun } from '../store/replay-store.js'
import type { TaskStatus } from '../store/store.js'
import type { ReplayJob } from './jobs.js'
import { ReplayConflictError } from './replay-conflict.js'
import { createRun, executeRun, STALE_AFTER_MS, type ReplayDeps } from './runner.js'

/** A replay run as recorded, for several jobs at once; the service stamps `startedAt`. */
export type StartRequest = Omit<NewReplayRun, 'job' | 'startedAt'> & { jobs: readonly ReplayJob[] }

export interface StartedReplay {
  /** One run per job, in the order asked. */
  runs: ReplayRun[]
  /** Resolves when every run's listing is over (the queued tasks go on in the inbox). */
  done: Promise<ReplayRun[]>
}

export interface ReplayService {
  /** Records the runs and lists in the background; ReplayConflictError when a job is already running. */
  start: (request: StartRequest) => Promise<StartedReplay>
  get: (id: number) => Promise<{ run: ReplayRun, tasks: Record<TaskStatus, number> } | null>
  /** Interrupts the runs still listing (they end `failed`, saying so) and waits for them. */
  close: () => Promise<void>
}

/**
 * Runs in this process, at most one non-dry run per job and credential: refused here first
 * (no store round trip for the schedule's frequent ticks), then atomically by the store,
 * which also sees runs of other processes sharing it.
 */
export function createReplayService (deps: ReplayDeps): ReplayService {
  const live = new Map<string, ReplayRun>()
  const inFlight = new Set<Promise<unknown>>()
  const controller = new AbortController()
  const key = (job: ReplayJob, credentialCode: string): string => `${job}\n${credentialCode}`

  async function refuseOverlap (request: StartRequest): Promise<void> {
    if (request.dryRun) return
    const staleBefore = (deps.now ?? Date.now)() - (deps.staleAfterMs ?? STALE_AFTER_MS)
    for (const job of request.jobs) {
      const running = live.get(key(job, request.credentialCode)) ?? await deps.store.replays.running(job, request.credentialCode, staleBefore)
      if (running !== null) throw new ReplayConflictError(running)
    }
  }

  return {
    async start (request) {
      if (controller.signal.aborted) throw new Error('the replay service is shutting down')
      await refuseOverlap(request)
      const runs: ReplayRun[] = []
      try {
        for (const job of request.jobs) {
          const { jobs: _jobs, ...rest } = request
          const run = await createRun({ ...rest, job }, deps)
          runs.push(run)
          if (!run.dryRun) live.set(key(job, run.credentialCode), run)
        }
      } catch (error) {
        // Another process won a race for one job: the runs created for the others do not start either.
        for (const run of runs) {
          live.delete(key(run.job, run.credentialCode))
          await deps.store.replays.finish(run.id, { status: 'failed', counts: run.counts, error: `not started: ${(error as Error).message}`, now: (deps.now ?? Date.now)() })
        }
        throw error
      }
      const done = Promise.all(runs.map(async (run) => {
        try {
          return await executeRun(run, deps, controller.signal)
        } finally {
          if (live.get(key(run.job, run.credentialCode))?.id === run.id) live.delete(key(run.job, run.credentialCode))
        }
      }))
      inFlight.add(done)
      void done.finally(() => inFlight.delete(done)).catch(() => {})
      return { runs, done }
    },

    async get (id) {
      const run = await deps.store.replays.get(id)
      return run === null ? null : { run, tasks: await deps.store.replays.taskProgress(id) }
    },

    async close () {
      controller.abort()
      await Promise.allSettled([...inFlight])
    }
  }
}
