import type { ReplayJob } from '../store/replay-store.js'

export type { ReplayJob, ReplayTrigger } from '../store/replay-store.js'

/** The three jobs, named as the PHP connector's cron commands were (DESIGN §1). */
export const REPLAY_JOBS: readonly ReplayJob[] = ['import-assets', 'update-properties', 'update-mapped-properties']

export type ProductJob = Exclude<ReplayJob, 'import-assets'>

/** The jobs a product or product model task runs: every job but import-assets. */
export const PRODUCT_JOBS: ReadonlySet<ProductJob> = new Set(REPLAY_JOBS.filter((job): job is ProductJob => job !== 'import-assets'))

export function isReplayJob (value: string): value is ReplayJob {
  return (REPLAY_JOBS as readonly string[]).includes(value)
}
