/**
 * Akeneo's `updated`/`created` search filters take `YYYY-MM-DD HH:MM:SS` in UTC and reject
 * ISO strings such as `2026-11-28T10:00:00Z` (422). Sub-second precision is dropped.
 */
export function formatAkeneoDate (date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('formatAkeneoDate: invalid date')
  return date.toISOString().slice(0, 19).replace('T', ' ')
}
