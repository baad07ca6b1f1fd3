import { setTimeout as sleep } from 'node:timers/promises'
import { seeded } from './fault-proxy.js'
import { countSecrets } from './crash.js'
import { startService } from './service-process.js'
import { deliverLikeSns, startSoakWorld, tallyTasks, type TaskTally } from './world.js'

export interface FaultFigures {
  assets: number
  faultRate: number
  faulted: number
  forwarded: number
  tasks: TaskTally
  duplicateUploads: number
  missingUploads: number
  drainMs: number
  secretsInLogs: number
}

/**
 * Asset notifications with a share of every upstream call (both emulators, through the
 * fault proxies) answered 500/502/503/429, with and without Retry-After, and 0–300 ms of
 * latency: every task must end done — retried, never dead — with one upload per asset.
 */
export async function runFaultSoak (options: { assets: number, faultRate: number, seed?: number, deadlineMs: number }): Promise<FaultFigures> {
  const until = Date.now() + options.deadlineMs
  const world = await startSoakWorld({ faults: { rate: options.faultRate, maxLatencyMs: 300, random: seeded(options.seed ?? 11) } })
  const log: string[] = []
  const service = await startService(world.env, log)
  try {
    const ids = world.addAssets(options.assets)
    const started = Date.now()
    await Promise.all(ids.map(async (id, index) => {
      await sleep(index * 20)
      await deliverLikeSns(() => service.url, JSON.stringify(world.sns.notification({ mediaId: id, subject: 'asset_bank.media.create' })), until)
    }))
    let tasks = await tallyTasks(service.url)
    while (tasks.open > 0 && Date.now() < until) {
      await sleep(200)
      tasks = await tallyTasks(service.url)
    }
    const uploads = world.uploadsPerAsset()
    return {
      assets: ids.length,
      faultRate: options.faultRate,
      ...world.proxies.reduce((sum, proxy) => ({ faulted: sum.faulted + proxy.counts.faulted, forwarded: sum.forwarded + proxy.counts.forwarded }), { faulted: 0, forwarded: 0 }),
      tasks,
      duplicateUploads: ids.reduce((sum, id) => sum + Math.max(0, (uploads.get(id) ?? 0) - 1), 0),
      missingUploads: ids.filter((id) => (uploads.get(id) ?? 0) === 0).length,
      drainMs: Date.now() - started,
      secretsInLogs: countSecrets(log, world.secrets())
    }
  } finally {
    await service.kill()
    await world.close()
  }
}
