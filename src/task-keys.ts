import type { ReplayJob } from './store/replay-store.js'

// The one owner of the strings that name a task, its reasons and a replay's inbox events:
// webhooks, replays and handlers build and read them only through these functions, so
// the formats cannot drift apart. Stored rows carry them: changing one is a migration.

export type AkeneoEntityKind = 'product' | 'product_model'

/** `asset:<credential>:<mediaId>`: an asset is only unique within its Bynder portal. */
export function assetTaskKey (credentialCode: string, mediaId: string): string {
  return `asset:${credentialCode}:${mediaId}`
}

/**
 * `product:<uuid>` / `product_model:<code>` (or `product:identifier:<identifier>`): the task's
 * entity key, also the key of the entity's synced version (the replay's "already done" record).
 */
export function akeneoTaskKey (kind: AkeneoEntityKind, entityId: string): string {
  return `${kind}:${entityId}`
}

/**
 * Products are keyed by uuid; an event that carries only the identifier (PIMs before 7,
 * some removals) names the product by `identifier:<identifier>` instead — the product
 * handler reads it by identifier — rather than being lost until a replay.
 */
const IDENTIFIER_PREFIX = 'identifier:'

export function identifierEntityId (identifier: string): string {
  return `${IDENTIFIER_PREFIX}${identifier}`
}

/** The identifier of an `identifier:<identifier>` entity id; null for a uuid. */
export function identifierOfEntityId (entityId: string): string | null {
  return entityId.startsWith(IDENTIFIER_PREFIX) ? entityId.slice(IDENTIFIER_PREFIX.length) : null
}

const REPLAY_REASON_PREFIX = 'replay:'

/**
 * The task reason a replay gives what it queues: `replay:update-properties`. The product
 * handler reads it back (`replayJobOfReason`) to run only that job.
 */
export function replayReason (job: ReplayJob): string {
  return `${REPLAY_REASON_PREFIX}${job}`
}

/** The job of a replay's reason, whatever follows `replay:`; null for a live event's reason. */
export function replayJobOfReason (reason: string): string | null {
  return reason.startsWith(REPLAY_REASON_PREFIX) ? reason.slice(REPLAY_REASON_PREFIX.length) : null
}

/** The replay's inbox events are `replay:<runId>:<entityKey>@<version>`; progress reads them back by the prefix. */
export function replayEventPrefix (runId: number): string {
  return `replay:${runId}:`
}

export function replayEventId (runId: number, entityKey: string, version: string): string {
  return `${replayEventPrefix(runId)}${entityKey}@${version}`
}
