/**
 * Edits of one `pim_catalog_asset_collection` value (one product or model, attribute,
 * locale, scope). Akeneo replaces the whole array on a PATCH, so every edit is computed
 * from what the collection holds now (akeneo-api.md "Asset Manager").
 */

/** Sort order an asset was placed for: 1 = first; null = appended without one. */
export type CollectionPosition = number | null

export interface CollectionPlacement {
  /** The collection as Akeneo holds it now, in order. */
  current: readonly string[]
  /** Codes this service put in this collection (the registry), with the position each was placed for. */
  ours: ReadonlyMap<string, CollectionPosition>
  code: string
  position: CollectionPosition
}

export interface CollectionEdit {
  data: string[]
  /** False when `data` equals the current array: no write is needed. */
  changed: boolean
}

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((code, i) => code === b[i])

/**
 * The collection with `code` at its position. Rules, chosen so that the result depends
 * only on the foreign codes' order and the set of our placements — not on the order the
 * events arrived in (a replay gives what live events gave):
 * - codes someone else put there keep their relative order and are never removed;
 * - our positioned codes (this one and those the registry placed with a position) are put
 *   back in ascending sort order, each at index position − 1 (or last when the collection
 *   is shorter); equal positions keep their current order;
 * - without a position the code stays where it is, or is appended when new;
 * - our codes that are no longer in the collection (removed by hand) stay out.
 */
export function placeInCollection (placement: CollectionPlacement): CollectionEdit {
  const current = [...new Set(placement.current)]
  const positioned = new Map<string, number>()
  for (const code of current) {
    const position = placement.ours.get(code)
    if (code !== placement.code && position !== undefined && position !== null) positioned.set(code, position)
  }
  if (placement.position !== null) positioned.set(placement.code, placement.position)
  const data = current.filter((code) => !positioned.has(code))
  if (placement.position === null && !data.includes(placement.code)) data.push(placement.code)
  const index = (code: string): number => { const at = current.indexOf(code); return at === -1 ? Number.POSITIVE_INFINITY : at }
  const ordered = [...positioned].sort(([a, pa], [b, pb]) => pa - pb || index(a) - index(b) || (a < b ? -1 : 1))
  // Each goes after the previous one, so equal positions do not reverse their order.
  let previous = -1
  for (const [code, position] of ordered) {
    previous = Math.min(Math.max(position - 1, previous + 1), data.length)
    data.splice(previous, 0, code)
  }
  return { data, changed: !sameList(data, placement.current) }
}

/**
 * The collection without those of `codes` this service put there (`ours`, the registry);
 * a code the registry does not list was added by someone else and stays.
 */
export function removeFromCollection (current: readonly string[], ours: ReadonlyMap<string, CollectionPosition> | ReadonlySet<string>, codes: Iterable<string>): CollectionEdit {
  const removed = new Set([...codes].filter((code) => ours.has(code)))
  const data = current.filter((code) => !removed.has(code))
  return { data, changed: data.length !== current.length }
}
