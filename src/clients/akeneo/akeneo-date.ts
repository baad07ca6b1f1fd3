import { wallTimeFormatter } from '../../time-zone.js'

/**
 * Akeneo's `updated`/`created` search filters take `YYYY-MM-DD HH:MM:SS` and reject ISO
 * strings such as `2026-11-28T10:00:00Z` (422). The PIM reads that wall time in its server's
 * time zone (php.ini `date.timezone`; SaaS: UTC; the CE code keeps it so on purpose,
 * PIM-7541), so it is written in `timeZone`. Sub-second precision is dropped.
 */
export function formatAkeneoDate (date: Date, timeZone = 'UTC'): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('formatAkeneoDate: invalid date')
  const part = Object.fromEntries(wallTimeFormatter(timeZone).formatToParts(date).map(({ type, value }) => [type, value]))
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`
}
