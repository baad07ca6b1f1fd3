import type { RunningWorld } from '../scripts/link-world.js'
import { flushUuidLookups } from '../src/handlers/product-uuids.js'

/** Upstream calls grouped by what they are, so a regression shows where it comes from. */
export function groups (paths: string[], rules: Array<[string, RegExp]>): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const path of paths) {
    const name = rules.find(([, re]) => re.test(path))?.[0] ?? 'other'
    counts[name] = (counts[name] ?? 0) + 1
  }
  return counts
}

/** `12 (uploads 4, product reads 8)`: a count and its groups. */
export function describeCalls (paths: string[], rules: Array<[string, RegExp]>): string {
  return `${paths.length} (${Object.entries(groups(paths, rules)).map(([k, v]) => `${k} ${v}`).join(', ')})`
}

export interface NotifiedCalls {
  seconds: number
  /** `METHOD path` of every Akeneo call the emulator saw (token calls included: filter them if needed). */
  akeneo: string[]
  /** Paths of every Bynder call. */
  bynder: string[]
}

/**
 * Notifies every asset through the signed SNS route (`asset_bank.media.create`), waits for the
 * worker and returns the upstream calls the emulators saw meanwhile — what Bynder and Akeneo
 * would bill or throttle, not what the client believes it sent.
 */
export async function notifyAndCount (world: RunningWorld, ids: string[], timeoutMs = 55_000): Promise<NotifiedCalls> {
  world.akeneo.resetCounters()
  world.bynder.requests.length = 0
  const started = performance.now()
  for (const id of ids) await world.notify(id, 'asset_bank.media.create')
  await world.idle(timeoutMs)
  // The uuids of first links are looked up a few seconds later, together: counted here.
  await flushUuidLookups(world.app.store)
  return {
    seconds: (performance.now() - started) / 1000,
    akeneo: world.akeneo.requests.map((r) => `${r.method} ${r.path}`),
    bynder: world.bynder.requests.map((r) => r.path)
  }
}
