/**
 * A failure that another attempt cannot fix (a mapping problem, a 422 from Akeneo): the task
 * goes dead at once, with this message stored for the operator.
 */
export class NonRetryableError extends Error {
  override readonly name = 'NonRetryableError'
  readonly retryable = false
}

/**
 * Errors say for themselves whether to retry (`UpstreamError.retryable`, NonRetryableError).
 * Anything else — a network error that escaped a client, a bug — is retried: the attempt
 * budget bounds it, and dying at once would turn a blip into operator work.
 */
export function isRetryable (error: unknown): boolean {
  if (typeof error === 'object' && error !== null && 'retryable' in error && typeof error.retryable === 'boolean') return error.retryable
  return true
}

/** What is stored as `last_error`: the message chain, bounded, never a stack or a body. */
export function describeError (error: unknown): string {
  const parts: string[] = []
  let current: unknown = error
  while (current !== undefined && current !== null && parts.length < 3) {
    parts.push(current instanceof Error ? `${current.name}: ${current.message}` : String(current))
    current = current instanceof Error ? current.cause : undefined
  }
  return parts.join(' ← ').slice(0, 2000)
}
