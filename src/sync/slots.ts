import { SORTABLE_SLOT_PATTERN } from '../config/mapping-schema.js'

export type SlotResult =
  | { ok: true, attribute: string }
  | { ok: false, reason: string }

/**
 * The slot attribute of a sortable asset type. `firstSlot` is the mapped attribute
 * (`application_image_1`); sort order n lands in the n-th slot counting from it
 * (`application_image_3` for 3). No sort value → the first slot (DESIGN §5).
 *
 * A sort value that is not a positive whole number ("0", "-2", "2.5", "first"), or several
 * different values, is refused rather than read as slot 1: silently falling back would
 * overwrite whatever asset really sits in slot 1.
 */
export function slotAttribute (firstSlot: string, sortValues: readonly string[]): SlotResult {
  const distinct = [...new Set(sortValues.map((value) => value.trim()).filter((value) => value !== ''))]
  if (distinct.length === 0) return { ok: true, attribute: firstSlot }
  if (distinct.length > 1) return { ok: false, reason: `several sort orders: ${distinct.join(', ')}` }
  const [value] = distinct as [string]
  const position = /^[0-9]+$/.test(value) ? Number(value) : Number.NaN
  if (!Number.isSafeInteger(position) || position < 1) {
    return { ok: false, reason: `sort order "${value}" is not a positive whole number` }
  }
  // The loader guarantees the pattern; a fragment that bypassed it keeps its one slot.
  const match = SORTABLE_SLOT_PATTERN.exec(firstSlot)
  if (!match) return { ok: true, attribute: firstSlot }
  const [, base, first] = match as unknown as [string, string, string]
  return { ok: true, attribute: `${base}_${Number(first) + position - 1}` }
}
