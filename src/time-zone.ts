// One place for time-zone names: the env check at start-up and Akeneo's wall-clock dates share it.
const formatters = new Map<string, Intl.DateTimeFormat>()

export function wallTimeFormatter (timeZone: string): Intl.DateTimeFormat {
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
  try { wallTimeFormatter(name); return true } catch { return false }
}
