import { linkKey, type DesiredLink, type LinkTarget } from './link-plan-types.js'

/** What the diff needs of a registry row (a subset of the store's LinkRecord). */
export interface RegisteredLink {
  slotKey: string
  assetDateModified: string
  targetType: LinkTarget['type']
  targetCode: string
  attribute: string
  locale: string | null
  scope: string | null
  source: string
  status: 'linked' | 'waiting'
  value: string | null
  fileFingerprint: string | null
}

type Values = Readonly<Record<string, ReadonlyArray<{ locale: string | null, scope: string | null, data: unknown }>>>

/** A target as read from Akeneo just before the diff; `null` = it does not exist (yet). */
export type TargetState = { values: Values } | null

export type LinkAction =
  /** Upload the file / PATCH the URL, then record it. */
  | { kind: 'write', link: DesiredLink }
  /** The product or model does not exist yet: record the link as waiting, write nothing. */
  | { kind: 'wait', link: DesiredLink }
  /** Same asset version, same slot, and Akeneo still holds what we wrote: nothing to do. */
  | { kind: 'skip', link: DesiredLink }
  /** No longer wanted and Akeneo still holds our value: set it to null, drop the row. */
  | { kind: 'unlink', row: RegisteredLink }
  /** No longer wanted, but nothing of ours is left to clear (replaced by hand, target gone, waiting). */
  | { kind: 'forget', row: RegisteredLink, why: string }

export const targetKey = (target: { type: string, code: string } | { targetType: string, targetCode: string }): string =>
  'type' in target ? `${target.type}\n${target.code}` : `${target.targetType}\n${target.targetCode}`

/** The data Akeneo holds at (attribute, locale, scope), or null when there is none. */
export function currentValue (values: Values, attribute: string, locale: string | null, scope: string | null): unknown {
  const entry = values[attribute]?.find((value) => value.locale === locale && value.scope === scope)
  return entry?.data ?? null
}

/**
 * Desired links (the plan) against the registry rows of the same asset and the current
 * Akeneo values of every target either of them names. Pure; the handler executes the result.
 * `assetDateModified` null = the asset is gone (deleted): nothing is desired.
 * `assetFingerprint` (the active original's media item id, when read) tells a metadata edit
 * (same file, new `dateModified`) from a new version: only a new version is uploaded again.
 * A value we wrote counts as "still in place" only when Akeneo holds exactly it — a media
 * code or URL put there by hand since is never written over by an unlink.
 */
export function diffLinks (args: {
  assetDateModified: string | null
  assetFingerprint?: string | undefined
  desired: readonly DesiredLink[]
  registered: readonly RegisteredLink[]
  targets: ReadonlyMap<string, TargetState>
}): LinkAction[] {
  const { assetDateModified, assetFingerprint, desired, registered, targets } = args
  const rows = new Map(registered.map((row) => [row.slotKey, row]))
  const actions: LinkAction[] = []
  const wanted = new Set<string>()

  for (const link of desired) {
    const key = linkKey(link)
    wanted.add(key)
    const target = targets.get(targetKey(link.target))
    if (target === undefined || target === null) {
      actions.push({ kind: 'wait', link })
      continue
    }
    const row = rows.get(key)
    const inPlace = row !== undefined && row.status === 'linked' && row.value !== null &&
      currentValue(target.values, link.attribute, link.locale, link.scope) === row.value
    // A URL in place is the whole link; a media file is unchanged while the asset version is,
    // or, after a metadata-only edit (which bumps dateModified), while its file is the same.
    const sameFile = row?.fileFingerprint != null && row.fileFingerprint === assetFingerprint
    const unchanged = inPlace && row.source === link.source &&
      (link.write === 'url' ? row.value === link.url : row.assetDateModified === assetDateModified || sameFile)
    actions.push({ kind: unchanged ? 'skip' : 'write', link })
  }

  for (const row of registered) {
    if (wanted.has(row.slotKey)) continue
    if (row.status === 'waiting' || row.value === null) {
      actions.push({ kind: 'forget', row, why: 'was waiting for its target' })
      continue
    }
    const target = targets.get(targetKey(row))
    if (target === undefined || target === null) {
      actions.push({ kind: 'forget', row, why: 'target no longer exists' })
    } else if (currentValue(target.values, row.attribute, row.locale, row.scope) === row.value) {
      actions.push({ kind: 'unlink', row })
    } else {
      actions.push({ kind: 'forget', row, why: 'Akeneo holds another value now (replaced by hand or by another asset): left as it is' })
    }
  }
  return actions
}

/**
 * The targets whose current values can change what `diffLinks` decides; the others need no
 * read. A desired link with no row of ours in its slot (or an older version of the file there)
 * is written whatever the slot holds — the diff never protects a slot it writes, only one it
 * would clear — so only three things need Akeneo's values: a link that may be unchanged
 * (same source and version or file), a URL (its PATCH needs the entity read), and a row no
 * longer wanted (cleared only when Akeneo still holds our value).
 */
export function targetsWhoseValuesMatter (args: {
  assetDateModified: string | null
  assetFingerprint?: string | undefined
  desired: readonly DesiredLink[]
  registered: readonly RegisteredLink[]
}): Set<string> {
  const { assetDateModified, assetFingerprint, desired, registered } = args
  const rows = new Map(registered.map((row) => [row.slotKey, row]))
  const keys = new Set<string>()
  const wanted = new Set<string>()
  for (const link of desired) {
    wanted.add(linkKey(link))
    const row = rows.get(linkKey(link))
    const mayBeUnchanged = row !== undefined && row.status === 'linked' && row.value !== null && row.source === link.source &&
      (row.assetDateModified === assetDateModified || (row.fileFingerprint != null && row.fileFingerprint === assetFingerprint))
    if (link.write !== 'media_file' || mayBeUnchanged) keys.add(targetKey(link.target))
  }
  for (const row of registered) {
    if (!wanted.has(row.slotKey) && row.status === 'linked' && row.value !== null) keys.add(targetKey(row))
  }
  return keys
}
