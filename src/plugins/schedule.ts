import { Cron } from 'croner'
import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { DEFAULT_CREDENTIAL_CODE } from '../config/credentials.js'
import type { ReplayJob } from '../replay/jobs.js'
import { ReplayConflictError } from '../replay/replay-conflict.js'
import { schedulePatterns, scheduledWindow } from '../replay/schedule.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The built-in polling fallback: SCHEDULE_* cron expressions running the three jobs. */
    schedule: Scheduler
  }
}

export interface SchedulePluginOptions {
  /**
   * `true`: start once the app is ready (tests that want it); `false`: never; unset: start
   * when the server listens — `serve` runs it, while tests (inject) and the CLI jobs do not.
   */
  schedule?: boolean
  /** The raw environment, to tell a SCHEDULE_* set empty (disabled) from one left unset. */
  env?: Record<string, string | undefined>
}

export type TickOutcome = 'done' | 'failed' | 'skipped'

export class Scheduler {
  readonly #crons: Cron[] = []
  readonly #busy = new Set<string>()
  #stopped = false

  constructor (private readonly fastify: FastifyInstance, private readonly plans: ReadonlyArray<{ job: ReplayJob, credentialCode: string, pattern: string }>, private readonly log: FastifyBaseLogger) {}

  get started (): boolean { return this.#crons.length > 0 }

  start (): void {
    if (this.started || this.#stopped) return
    for (const plan of this.plans) {
      this.#crons.push(new Cron(plan.pattern, { name: `${plan.job}:${plan.credentialCode}` }, async () => { await this.tick(plan.job, plan.credentialCode) }))
    }
    this.log.info({ jobs: this.plans.map((plan) => `${plan.job} (${plan.credentialCode}): ${plan.pattern}`) }, 'schedule started')
  }

  stop (): void {
    this.#stopped = true
    for (const cron of this.#crons.splice(0)) cron.stop()
  }

  /**
   * One scheduled run: from the last successful scheduled run's start (minus the overlap)
   * to now. A run of the same job still going — started by an earlier tick, POST /replay,
   * the CLI or another replica — means this tick is skipped, and says so in the log.
   */
  async tick (job: ReplayJob, credentialCode: string): Promise<TickOutcome> {
    const key = `${job}\n${credentialCode}`
    const log = this.log.child({ job, credential: credentialCode })
    if (this.#busy.has(key)) {
      log.info('scheduled run skipped: the previous one of this job is still listing')
      return 'skipped'
    }
    this.#busy.add(key)
    try {
      const { store, config, replays } = this.fastify
      const previous = await store.replays.lastSuccessful(job, credentialCode, ['schedule'])
      const window = scheduledWindow({ now: Date.now(), previous, firstWindowMinutes: config.SCHEDULE_FIRST_WINDOW_MINUTES })
      if (window.basis === 'capped') log.warn({ since: previous === null ? null : new Date(previous.startedAt).toISOString() }, 'the last scheduled run is older than the longest window: the gap before it is not covered')
      const { done } = await replays.start({ jobs: [job], credentialCode, windowStart: window.start, windowEnd: window.end, dryRun: false, trigger: 'schedule' })
      const [run] = await done
      return run?.status === 'done' ? 'done' : 'failed'
    } catch (error) {
      if (error instanceof ReplayConflictError) {
        log.info({ runningRun: error.running.id, trigger: error.running.trigger }, 'scheduled run skipped: a run of this job is still going')
        return 'skipped'
      }
      if (!this.#stopped) log.error({ err: error }, 'scheduled run could not start')
      return 'failed'
    } finally {
      this.#busy.delete(key)
    }
  }
}

/**
 * The built-in schedule (DESIGN §4): `import-assets` for every Bynder credential, the two
 * product jobs once (their tasks name Akeneo entities, not a portal), each on its cron
 * expression. An invalid expression stops the start naming its variable.
 */
async function schedulePlugin (fastify: FastifyInstance, options: SchedulePluginOptions): Promise<void> {
  const patterns = schedulePatterns(fastify.config, options.env ?? process.env)
  const plans: Array<{ job: ReplayJob, credentialCode: string, pattern: string }> = []
  for (const [job, pattern] of patterns) {
    if (pattern === null) continue
    const codes = job === 'import-assets' ? [...fastify.credentials.keys()] : [DEFAULT_CREDENTIAL_CODE]
    for (const credentialCode of codes) plans.push({ job, credentialCode, pattern })
  }
  const scheduler = new Scheduler(fastify, plans, fastify.log.child({ component: 'schedule' }))
  fastify.decorate('schedule', scheduler)
  if (options.schedule === true) fastify.addHook('onReady', async () => { scheduler.start() })
  else if (options.schedule === undefined) fastify.addHook('onListen', async () => { scheduler.start() })
  // Before the replay service closes (registered earlier): no new tick starts a run.
  fastify.addHook('onClose', async () => { scheduler.stop() })
}

export default fp(schedulePlugin, { name: 'schedule', dependencies: ['settings', 'store', 'replay'] })
