import { Cron } from 'croner'
import { ConfigError } from '../config/env.js'
import type { ReplayJob } from './jobs.js'

const MINUTE = 60_000

/**
 * How far back a scheduled run starts before the previous one's start: Bynder's and
 * Akeneo's clocks are not ours, a list page may lag behind a write by a little, and
 * Akeneo's `updated` has a one-second precision. Listing a few entities twice is cheap
 * (settled ones cost nothing); missing one is not.
 */
export const SCHEDULE_OVERLAP_MS = 2 * MINUTE

/** Bynder keeps deleted assets 30 days, so a longer window could not cover the trash anyway. */
export const MAX_WINDOW_MINUTES = 43_200

export interface ReplayWindow {
  start: number
  end: number
}

export interface ScheduledWindow extends ReplayWindow {
  /** `first`: no earlier scheduled run; `continues`: from the last one; `capped`: a gap longer than the maximum. */
  basis: 'first' | 'continues' | 'capped'
}

/** `max_updated_time_in_minutes` back from now (POST /replay, the CLI). */
export function windowOf (now: number, minutes: number): ReplayWindow {
  return { start: now - minutes * MINUTE, end: now }
}

/**
 * A scheduled run covers from the previous successful scheduled run's start (minus the
 * overlap) to now, so downtime of any length up to the maximum leaves no gap; the first
 * run covers `firstWindowMinutes`. The previous run listed everything modified before it
 * started; what changed while it listed is covered by starting again from its start.
 */
export function scheduledWindow (args: {
  now: number
  previous: { startedAt: number } | null
  firstWindowMinutes: number
  overlapMs?: number
  maxWindowMinutes?: number
}): ScheduledWindow {
  const { now, previous, firstWindowMinutes } = args
  const overlap = args.overlapMs ?? SCHEDULE_OVERLAP_MS
  const earliest = now - (args.maxWindowMinutes ?? MAX_WINDOW_MINUTES) * MINUTE
  if (previous === null) return { ...windowOf(now, firstWindowMinutes), basis: 'first' }
  // A previous start "in the future" (another replica's clock) still gets the overlap from now.
  const start = Math.min(previous.startedAt, now) - overlap
  return start < earliest ? { start: earliest, end: now, basis: 'capped' } : { start, end: now, basis: 'continues' }
}

/** The environment variable of each job's schedule. */
export const SCHEDULE_VARIABLES: Readonly<Record<ReplayJob, 'SCHEDULE_IMPORT_ASSETS' | 'SCHEDULE_UPDATE_PROPERTIES' | 'SCHEDULE_UPDATE_MAPPED_PROPERTIES'>> = {
  'import-assets': 'SCHEDULE_IMPORT_ASSETS',
  'update-properties': 'SCHEDULE_UPDATE_PROPERTIES',
  'update-mapped-properties': 'SCHEDULE_UPDATE_MAPPED_PROPERTIES'
}

/**
 * Each job's cron expression, or null when disabled. The validated config fills defaults
 * for unset *and* empty values (an empty value counts as unset everywhere else), so the
 * raw environment is asked whether a variable was set empty on purpose; `off` disables too.
 * An expression croner cannot parse stops the start naming the variable.
 */
export function schedulePatterns (config: Record<(typeof SCHEDULE_VARIABLES)[ReplayJob], string>, raw: Record<string, string | undefined>): Map<ReplayJob, string | null> {
  const patterns = new Map<ReplayJob, string | null>()
  for (const [job, variable] of Object.entries(SCHEDULE_VARIABLES) as Array<[ReplayJob, (typeof SCHEDULE_VARIABLES)[ReplayJob]]>) {
    const set = raw[variable]?.trim()
    const pattern = set === '' || set?.toLowerCase() === 'off' ? '' : config[variable].trim()
    if (pattern === '' || pattern.toLowerCase() === 'off') {
      patterns.set(job, null)
      continue
    }
    try {
      new Cron(pattern, { paused: true }).stop()
    } catch (error) {
      throw new ConfigError(`${variable}: "${pattern}" is not a valid cron expression (${(error as Error).message}); use e.g. */5 * * * *, or leave it empty to disable the job`)
    }
    patterns.set(job, pattern)
  }
  return patterns
}
