import { setTimeout as sleep } from 'node:timers/promises'
import { createTestDatabase, type TestDatabase } from '../helpers/pg-database.js'
import { startService, type ServiceProcess } from './service-process.js'
import { deliverLikeSns, startSoakWorld, tallyTasks, type TaskTally } from './world.js'

export type CrashStore = 'sqlite' | 'postgres'

export interface CrashOptions {
  /** SQLite (a file in the run's directory) or PostgreSQL (a database of its own, dropped afterwards). */
  store?: CrashStore
  assets: number
  kills: number
  /** Time between a restart listening and the next SIGKILL. */
  killEveryMs: number
  /** Pause between two notifications of the burst. */
  sendEveryMs: number
  leaseMs?: number
  /** Upper bound of the whole run (loops stop there and the figures say so). */
  deadlineMs: number
  /** Receives every output line of the service processes (for a look after a miss). */
  log?: string[]
}

export interface CrashFigures {
  store: CrashStore
  assets: number
  acknowledged: number
  kills: number
  tasks: TaskTally
  /** Acknowledged notifications whose task did not end done. */
  eventsLost: number
  /** Uploads beyond one per asset and slot, counted at the Akeneo emulator. */
  duplicateUploads: number
  missingUploads: number
  /** From the last restart listening to every task done. */
  drainAfterLastRestartMs: number
  secretsInLogs: number
}

/**
 * A burst of signed SNS asset notifications against the real service process, SIGKILLed
 * `kills` times while it works and restarted on the same store each time (senders
 * redeliver until they get a 200, as SNS does). Akeneo answers slowly so kills land mid-upload.
 */
export async function runCrashTest (options: CrashOptions): Promise<CrashFigures> {
  const until = Date.now() + options.deadlineMs
  const store = options.store ?? 'sqlite'
  const database: TestDatabase | undefined = store === 'postgres' ? await createTestDatabase() : undefined
  const env: Record<string, string> = { WORKER_CONCURRENCY: '4', ...(options.leaseMs === undefined ? {} : { WORKER_LEASE_MS: String(options.leaseMs) }) }
  if (database !== undefined) env.DATABASE_URL = database.url
  const world = await startSoakWorld({ akeneoLatencyMs: 40, env }).catch(async (error: unknown) => { await database?.drop(); throw error })
  const log: string[] = options.log ?? []
  let service: ServiceProcess | undefined
  try {
    service = await startService(world.env, log)
    const ids = world.addAssets(options.assets)
    const current = (): string => service!.url
    let acknowledged = 0
    const sending = (async () => {
      await Promise.all(ids.map(async (id, index) => {
        await sleep(index * options.sendEveryMs)
        const body = JSON.stringify(world.sns.notification({ mediaId: id, subject: 'asset_bank.media.create' }))
        if (await deliverLikeSns(current, body, until)) acknowledged++
      }))
    })()
    let kills = 0
    let lastRestart = Date.now()
    while (kills < options.kills && Date.now() < until) {
      await sleep(options.killEveryMs)
      await service.kill()
      kills++
      service = await startService(world.env, log)
      lastRestart = Date.now()
    }
    await sending
    let tasks = await tallyTasks(service.url)
    while ((tasks.open > 0 || tasks.total < acknowledged) && Date.now() < until) {
      await sleep(100)
      tasks = await tallyTasks(service.url)
    }
    const drainAfterLastRestartMs = Date.now() - lastRestart
    const uploads = world.uploadsPerAsset()
    const figures: CrashFigures = {
      store,
      assets: ids.length,
      acknowledged,
      kills,
      tasks,
      eventsLost: acknowledged - tasks.done,
      duplicateUploads: ids.reduce((sum, id) => sum + Math.max(0, (uploads.get(id) ?? 0) - 1), 0),
      missingUploads: ids.filter((id) => (uploads.get(id) ?? 0) === 0).length,
      drainAfterLastRestartMs,
      secretsInLogs: 0
    }
    await service.stop()
    service = undefined
    figures.secretsInLogs = countSecrets(log, world.secrets())
    return figures
  } finally {
    await service?.kill()
    await world.close()
    await database?.drop()
  }
}

/** Log lines holding any of the secrets (tokens shorter than 8 characters are not secrets here). */
export function countSecrets (lines: string[], secrets: string[]): number {
  const needles = secrets.filter((secret) => secret.length >= 8)
  return lines.filter((line) => needles.some((secret) => line.includes(secret))).length
}
