export type SortOrderResult =
  | { ok: true, position: number | null }
  | { ok: false, reason: string }

/**
 * The position a sort-order metaproperty asks for: null when it is empty. A value that is
 * not a positive whole number ("0", "-2", "2.5", "first"), or several different values, is
 * refused rather than read as "no position": silently falling back would put the asset
 * where another one belongs.
 */
export function parseSortOrder (sortValues: readonly string[]): SortOrderResult {
  const distinct = [...new Set(sortValues.map((value) => value.trim()).filter((value) => value !== ''))]
  if (distinct.length === 0) return { ok: true, position: null }
  if (distinct.length > 1) return { ok: false, reason: `several sort orders: ${distinct.join(', ')}` }
  const [value] = distinct as [string]
  const position = /^[0-9]+$/.test(value) ? Number(value) : Number.NaN
  if (!Number.isSafeInteger(position) || position < 1) {
    return { ok: false, reason: `sort order "${value}" is not a positive whole number` }
  }
  return { ok: true, position }
}
