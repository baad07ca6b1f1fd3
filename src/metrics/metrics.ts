import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import type { UpstreamObserver } from '../clients/upstream-observer.js'
import type { InboxHealth, IntakeOutcome } from '../store/store.js'
import type { ReplayRun } from '../store/replay-store.js'
import type { TaskObserver } from '../worker/worker.js'
import { operationOf } from './operations.js'

const PREFIX = 'connector_'
const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120]
const WAIT_SECONDS = [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30]
const REPLAY_COUNTS = ['listed', 'settled', 'queued', 'deleted', 'planned', 'plannedWrites', 'failed'] as const

// Process metrics are process-wide: one registry for them, shared by every app of the process
// (tests build many apps; collecting defaults again per app would stack observers).
let processRegistry: Registry | undefined
function processMetrics (): Registry {
  if (processRegistry === undefined) {
    processRegistry = new Registry()
    collectDefaultMetrics({ register: processRegistry })
  }
  return processRegistry
}

/** The service's metric families (DESIGN §9) on a registry of one app instance. */
export function createMetrics () {
  const registry = new Registry()
  const on = { registers: [registry] }

  const deliveries = new Counter({ name: `${PREFIX}deliveries_total`, help: 'Deliveries recorded in the inbox, by source and outcome (accepted, ignored, duplicate)', labelNames: ['source', 'outcome'], ...on })
  const httpRequests = new Counter({ name: `${PREFIX}http_requests_total`, help: 'Requests answered by this service, by route and status code (rejected webhooks show here as 4xx)', labelNames: ['method', 'route', 'status_code'], ...on })
  const tasks = new Gauge({ name: `${PREFIX}inbox_tasks`, help: 'Inbox tasks by kind and status, read from the store at scrape time', labelNames: ['kind', 'status'], ...on })
  const oldestPending = new Gauge({ name: `${PREFIX}inbox_oldest_pending_age_seconds`, help: 'Age of the oldest pending task (0 when none is pending)', ...on })
  const taskDuration = new Histogram({ name: `${PREFIX}task_duration_seconds`, help: 'Run time of one task attempt, by kind and outcome (done, retry, dead, lease_lost)', labelNames: ['kind', 'outcome'], buckets: SECONDS, ...on })
  const taskAttempts = new Histogram({ name: `${PREFIX}task_attempts`, help: 'Attempt number at which a task attempt ended, by kind and outcome', labelNames: ['kind', 'outcome'], buckets: [1, 2, 3, 4, 5, 6, 8, 10, 15, 20], ...on })
  const upstreamRequests = new Counter({ name: `${PREFIX}upstream_requests_total`, help: 'HTTP attempts to Bynder and Akeneo by API, operation and status (error = no answer)', labelNames: ['api', 'operation', 'status'], ...on })
  const upstreamDuration = new Histogram({ name: `${PREFIX}upstream_request_duration_seconds`, help: 'Latency of one upstream HTTP attempt, by API and operation', labelNames: ['api', 'operation'], buckets: SECONDS, ...on })
  const upstream429 = new Counter({ name: `${PREFIX}upstream_rate_limited_total`, help: '429 answers from an upstream, by API', labelNames: ['api'], ...on })
  const upstreamWait = new Histogram({ name: `${PREFIX}upstream_wait_seconds`, help: 'Time a request waited for the rate limiter (Bynder) or the concurrency bound (Akeneo)', labelNames: ['api', 'bound'], buckets: WAIT_SECONDS, ...on })
  const replayRuns = new Counter({ name: `${PREFIX}replay_runs_total`, help: 'Finished replay runs by job, outcome (done, failed) and dry run', labelNames: ['job', 'outcome', 'dry_run'], ...on })
  const replayEntities = new Counter({ name: `${PREFIX}replay_entities_total`, help: 'Entities of finished replay runs by job and count (listed, settled, queued, deleted, planned, plannedWrites, failed)', labelNames: ['job', 'count'], ...on })
  const links = new Counter({ name: `${PREFIX}links_total`, help: 'Link registry changes: written (a value put into Akeneo), waiting (product not there yet), removed (unlinked or forgotten)', labelNames: ['change'], ...on })
  for (const api of ['akeneo', 'bynder']) upstream429.inc({ api }, 0)
  for (const change of ['written', 'waiting', 'removed']) links.inc({ change }, 0)

  const upstream: UpstreamObserver = {
    response ({ api, method, path, status, durationMs }) {
      const operation = operationOf(api, method, path)
      upstreamRequests.inc({ api, operation, status: status === null ? 'error' : String(status) })
      upstreamDuration.observe({ api, operation }, durationMs / 1000)
      if (status === 429) upstream429.inc({ api })
    },
    waited ({ api, bound, ms }) { upstreamWait.observe({ api, bound }, ms / 1000) }
  }

  const worker: TaskObserver = {
    taskFinished ({ kind, outcome, attempt, durationMs }) {
      taskDuration.observe({ kind, outcome }, durationMs / 1000)
      taskAttempts.observe({ kind, outcome }, attempt)
    }
  }

  return {
    registry,
    upstream,
    worker,
    intake (sources: ReadonlyArray<{ source: string }>, outcomes: readonly IntakeOutcome[]): void {
      outcomes.forEach((outcome, i) => deliveries.inc({ source: sources[i]?.source ?? 'unknown', outcome: outcome.status }))
    },
    link (change: 'written' | 'waiting' | 'removed', count = 1): void { if (count > 0) links.inc({ change }, count) },
    httpRequest (method: string, route: string, statusCode: number): void { httpRequests.inc({ method, route, status_code: String(statusCode) }) },
    replayFinished (run: ReplayRun): void {
      replayRuns.inc({ job: run.job, outcome: run.status, dry_run: String(run.dryRun) })
      for (const count of REPLAY_COUNTS) if (run.counts[count] > 0) replayEntities.inc({ job: run.job, count }, run.counts[count])
    },
    /** Sets the inbox gauges; called right before a scrape is answered. */
    inbox (health: InboxHealth, now: number): void {
      for (const [kind, byStatus] of Object.entries(health.tasks)) {
        for (const [status, count] of Object.entries(byStatus)) tasks.set({ kind, status }, count)
      }
      oldestPending.set(health.oldestPendingCreatedAt === null ? 0 : Math.max(0, (now - health.oldestPendingCreatedAt) / 1000))
    },
    /** Process metrics first, then the service's, in Prometheus text format. */
    async text (): Promise<string> {
      return `${await processMetrics().metrics()}\n${await registry.metrics()}`
    },
    contentType: registry.contentType
  }
}

export type Metrics = ReturnType<typeof createMetrics>
