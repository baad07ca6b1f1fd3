import type { ReplayRun } from '../store/replay-store.js'

/**
 * A non-dry run of the same job and credential is live; `running` names it. Its own module so
 * that routes/replay.ts can answer 409 without importing the runner (and through it the handlers
 * and the upstream clients).
 */
export class ReplayConflictError extends Error {
  override readonly name = 'ReplayConflictError'
  constructor (readonly running: Pick<ReplayRun, 'id' | 'job' | 'credentialCode' | 'trigger' | 'startedAt'>) {
    super(`${running.job} is already running for credential "${running.credentialCode}": replay run ${running.id} ` +
      `(${running.trigger}, started ${new Date(running.startedAt).toISOString()})`)
  }
}
