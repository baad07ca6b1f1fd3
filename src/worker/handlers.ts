import type { FastifyBaseLogger } from 'fastify'
import type { Task, TaskKind } from '../store/store.js'

export interface HandlerContext {
  log: FastifyBaseLogger
  /** Aborted when the service shuts down and the task is given back. */
  signal: AbortSignal
}

/** Resolves with a short note of what it did (stored as the task outcome); throws to fail. */
export type TaskHandler = (task: Task, context: HandlerContext) => Promise<string | void>

/**
 * The typed table of task handlers, one per kind. Later issues replace the placeholders:
 * `fastify.handlers.register('asset', handleAsset)`.
 */
export class HandlerRegistry {
  readonly #table: Record<TaskKind, TaskHandler>

  constructor (initial: Record<TaskKind, TaskHandler> = placeholderHandlers()) {
    this.#table = { ...initial }
  }

  register (kind: TaskKind, handler: TaskHandler): void {
    this.#table[kind] = handler
  }

  get (kind: TaskKind): TaskHandler {
    return this.#table[kind]
  }
}

/**
 * Until the linking and enrichment issues land: record what would be done, change nothing.
 * The note becomes the task's outcome so operators (and tests) can see the inbox flowing.
 */
export function placeholderHandlers (): Record<TaskKind, TaskHandler> {
  const describe = (task: Task): string => `would sync ${task.kind} ${task.entityId}` +
    `${task.credentialCode === undefined ? '' : ` (credential ${task.credentialCode})`} for ${task.reasons.join(', ')}`
  const placeholder: TaskHandler = async (task, { log }) => {
    const note = describe(task)
    log.info({ reasons: task.reasons }, note)
    return note
  }
  return { asset: placeholder, product: placeholder, product_model: placeholder }
}
