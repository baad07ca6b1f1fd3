import { UpstreamError } from '../clients/upstream-error.js'
import { PROBLEM_KIND, type PlanProblem } from '../sync/link-planner.js'
import { isRetryable, NonRetryableError } from '../worker/task-errors.js'

export interface Counts { written: number, waiting: number, unchanged: number, unlinked: number, forgotten: number }

/** A derivative Bynder has not rendered yet: worth another attempt after the backoff. */
export class LinkNotReadyError extends Error {
  override readonly name = 'LinkNotReadyError'
  readonly retryable = true
}

/**
 * Retryable failures (upstream 429/5xx, a derivative not rendered yet) retry the whole
 * asset — already written links are skipped next time. A permanent plan problem fails the
 * task without retry only when nothing of the asset could be placed; when other links of
 * the same asset were placed, the task succeeds and the outcome names the problem (an
 * operator sees it without a healthy link being reported as dead).
 */
export function settle (summary: string, failures: unknown[], problems: PlanProblem[], counts: Counts): string {
  const retry = failures.find(isRetryable)
  if (retry !== undefined) throw retry
  if (problems.some((problem) => PROBLEM_KIND[problem.code] === 'transient')) {
    throw new LinkNotReadyError(`${summary}; ${problems.filter((p) => PROBLEM_KIND[p.code] === 'transient').map((p) => p.message).join('; ')}`)
  }
  const messages = failures.map(describeFailure)
  const permanent = problems.filter((problem) => PROBLEM_KIND[problem.code] === 'permanent').map((problem) => problem.message)
  const placed = counts.written + counts.waiting + counts.unchanged
  if (messages.length > 0 || (permanent.length > 0 && placed === 0)) {
    throw new NonRetryableError(`${summary}; ${[...messages, ...permanent].join('; ')}`)
  }
  const notes = [...permanent, ...problems.filter((p) => PROBLEM_KIND[p.code] === 'info').map((p) => p.message)]
  return notes.length === 0 ? summary : `${summary}; ${notes.join('; ')}`
}

/** Akeneo's 422 says what is wrong in `errors[]` (the top message is only "Validation failed."). */
function describeFailure (error: unknown): string {
  if (error instanceof UpstreamError && error.details.length > 0) {
    return `${error.message} ${error.details.map((detail) => detail.message).join(' ')}`
  }
  return error instanceof Error ? error.message : String(error)
}

