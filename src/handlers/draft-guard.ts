import type { AkeneoClient } from '../clients/akeneo/index.js'
import type { LinkRegistry } from '../store/link-registry.js'
import { currentValue } from '../sync/link-diff.js'
import type { LinkTarget } from '../sync/link-plan-types.js'
import { NonRetryableError } from '../worker/task-errors.js'
import type { ReadTarget } from './link-targets.js'

const OWNED = 'working_copy'
const describe = (target: LinkTarget): string => `${target.type === 'product' ? 'product' : 'product model'} ${target.code}`
const FIX = 'give its user group "own" rights on the categories of what it links into'

/** EE's status for a target the user owns, or may edit without a draft yet: a write there may still become a draft. */
export const mayBecomeDraft = (read: ReadTarget | undefined): boolean => read?.workflowStatus === OWNED

/** The failure of a write Akeneo answered 2xx but did not apply: it became a draft. */
export const draftedError = (target: LinkTarget): NonRetryableError =>
  new NonRetryableError(`Akeneo answered the write to ${describe(target)} but does not hold the value: it was saved as a draft, the connection's user can edit but not own it; ${FIX}`)

/**
 * EE: with edit but not own rights a PATCH or upload is answered 2xx and saved as a draft
 * (pim-api-docs permissions.md). The target read before writing says so for free when the
 * user already has a draft there (`draft_in_progress`, `proposal_waiting_for_approval`) or only
 * view rights (`read_only`): nothing is written then.
 */
export function refuseUnowned (target: LinkTarget, read: ReadTarget | undefined): void {
  const status = read?.workflowStatus ?? null
  if (status === null || status === OWNED) return
  throw new NonRetryableError(`Akeneo would not apply a write to ${describe(target)}: the connection's user does not own it (workflow status ${status}); ${FIX}`)
}

/**
 * An edit-only user without a draft yet also reads `working_copy`, so on EE the first link
 * this service writes into an entity is read back once: when the value is not there, the
 * write became a draft and is not recorded. Later links into an entity that already holds a
 * confirmed link are trusted (rights come from its categories). CE has no drafts: no read.
 * Asset collections do the same for their bulk writes (asset-collection-writes.ts).
 */
export async function confirmApplied (deps: { akeneo: AkeneoClient, links: LinkRegistry }, target: LinkTarget, read: ReadTarget | undefined,
  slot: { attribute: string, locale: string | null, scope: string | null }, value: string): Promise<void> {
  if (!mayBecomeDraft(read)) return
  if ((await deps.links.forTarget(target.type, target.code)).some((row) => row.status === 'linked')) return
  const entity = target.type === 'product' ? await deps.akeneo.getProductByIdentifier(target.code) : await deps.akeneo.getProductModel(target.code)
  if (entity !== null && currentValue(entity.values, slot.attribute, slot.locale, slot.scope) === value) return
  throw draftedError(target)
}
