const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter (timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone)
  if (found === undefined) {
    // Throws a RangeError for a name that is not an IANA time zone.
    found = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
    formatters.set(timeZone, found)
  }
  return found
}

/** Whether `name` is a time zone this runtime knows (IANA names such as `Europe/Paris`, or `UTC`). */
export function isTimeZone (name: string): boolean {
  try { formatter(name); return true } catch { return false }
}

/**
 * Akeneo's `updated`/`created` search filters take `YYYY-MM-DD HH:MM:SS` and reject ISO
 * strings such as `2026-11-28T10:00:00Z` (422). The PIM reads that wall time in its server's
 * time zone (php.ini `date.timezone`; SaaS: UTC; the CE code keeps it so on purpose,
 * PIM-7541), so it is written in `timeZone`. Sub-second precision is dropped.
 */
export function formatAkeneoDate (date: Date, timeZone = 'UTC'): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('formatAkeneoDate: invalid date')
  const part = Object.fromEntries(formatter(timeZone).formatToParts(date).map(({ type, value }) => [type, value]))
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`
}
