import { SORTABLE_SLOT_PATTERN } from '../config/mapping-schema.js'
import { parseSortOrder } from './sort-order.js'

export type SlotResult =
  | { ok: true, attribute: string }
  | { ok: false, reason: string }

/**
 * The slot attribute of a sortable asset type. `firstSlot` is the mapped attribute
 * (`application_image_1`); sort order n lands in the n-th slot counting from it
 * (`application_image_3` for 3). No sort value → the first slot (DESIGN §5). A sort value
 * `parseSortOrder` refuses is refused here too: reading it as slot 1 would overwrite
 * whatever asset really sits in slot 1.
 */
export function slotAttribute (firstSlot: string, sortValues: readonly string[]): SlotResult {
  const sort = parseSortOrder(sortValues)
  if (!sort.ok) return sort
  if (sort.position === null) return { ok: true, attribute: firstSlot }
  // The loader guarantees the pattern; a fragment that bypassed it keeps its one slot.
  const match = SORTABLE_SLOT_PATTERN.exec(firstSlot)
  if (!match) return { ok: true, attribute: firstSlot }
  const [, base, first] = match as unknown as [string, string, string]
  return { ok: true, attribute: `${base}_${Number(first) + sort.position - 1}` }
}
