import type { ProductDeps } from '../handlers/product-sync.js'
import type { ReplayRun } from '../store/replay-store.js'
import type { RunRecorder } from './run-recorder.js'

/** What a job's walk needs: the run, the handlers' dependencies and the run's bookkeeping. */
export interface JobContext {
  run: ReplayRun
  /** The handlers' dependencies (the product ones with every credential code, like the live handler). */
  deps: ProductDeps
  rec: RunRecorder
  signal?: AbortSignal | undefined
  /** Bynder list page size (1,000 in production: Bynder's maximum). */
  assetPageSize: number
  /** Dry runs plan entities in-process, this many at a time. */
  dryRunConcurrency: number
}

/** Entities are handled a batch at a time: one intake transaction, one counts update. */
export const BATCH_SIZE = 200
