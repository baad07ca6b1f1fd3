const READ_ONLY_TOP = ['_links', 'created', 'updated', 'metadata', 'quality_scores', 'completenesses']

/**
 * Strips what Akeneo shows but refuses on write (`_links`, `linked_data`, `attribute_type` in
 * values; `_links`, timestamps, metadata on the entity), so a read value can be written back.
 */
export function writable (body: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...body }
  for (const key of READ_ONLY_TOP) delete copy[key]
  if (copy.values !== null && typeof copy.values === 'object') {
    copy.values = Object.fromEntries(Object.entries(copy.values as Record<string, unknown>).map(([code, list]) => [
      code,
      Array.isArray(list) ? list.map(({ locale, scope, data }: { locale: unknown, scope: unknown, data: unknown }) => ({ locale, scope, data })) : list
    ]))
  }
  return copy
}
