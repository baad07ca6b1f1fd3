/**
 * Bynder's `dateModified` filter takes ISO 8601 **without milliseconds**
 * (`2026-05-01T10:00:00Z`); `Date#toISOString()` adds `.000` and gets a 400. Milliseconds
 * are dropped (floored), so an inclusive "modified after" never misses an edit.
 */
export function formatBynderDate (date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid date')
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}
