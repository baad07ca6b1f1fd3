import { AkeneoHttpError } from './errors.js'
import { readSearchConditions } from './search-conditions.js'

/**
 * What a search filter can look at, for products and product models alike. `ancestors`: the
 * variant's parent and grandparent models — an `updated` filter matches a variant when one of
 * them matches (audited: a model change lists its variants without bumping their `updated`).
 */
export interface Searchable { updated: number, created: number, identifier: string | null, family: string | null, parent: string | null, ancestors?: Array<{ updated: number }> }
type Predicate = (item: Searchable) => boolean

// Akeneo rejects ISO strings here: only `YYYY-MM-DD HH:MM:SS`, a wall time in the server's zone.
const DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/
const MAX_IDENTIFIERS = 100

/** Milliseconds `timeZone` is ahead of UTC at `ms`. */
function zoneOffset (ms: number, timeZone: string): number {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
    .formatToParts(ms).map(({ type, value }) => [type, Number(value)]))
  return Date.UTC(parts.year!, parts.month! - 1, parts.day, parts.hour, parts.minute, parts.second) - Math.floor(ms / 1000) * 1000
}

/**
 * The instant a wall time names in `timeZone`, as PHP reads a filter date with
 * `date.timezone` (Akeneo's filter docs; the CE code does not force UTC, PIM-7541).
 */
export function wallTimeToMs (wall: string, timeZone: string): number {
  const asUtc = Date.parse(wall.replace(' ', 'T') + 'Z')
  const first = asUtc - zoneOffset(asUtc, timeZone)
  return asUtc - zoneOffset(first, timeZone)
}

function seconds (property: string, value: unknown, zone: string): number {
  const parsed = typeof value === 'string' && DATE.test(value) ? wallTimeToMs(value, zone) : NaN
  if (Number.isNaN(parsed)) {
    throw new AkeneoHttpError(422, `Property "${property}" expects a string with the format "yyyy-mm-dd H:i:s" as data, "${JSON.stringify(value)}" given.`)
  }
  return parsed / 1000
}

function unsupported (property: string, operator: unknown): AkeneoHttpError {
  return new AkeneoHttpError(422, `Filter on property "${property}" is not supported or does not support operator "${String(operator)}".`)
}

function dateFilter (property: 'updated' | 'created', operator: unknown, value: unknown, zone: string): Predicate {
  // Akeneo stores dates to the second: compare on whole seconds.
  const at = (item: Searchable): number => Math.floor(item[property] / 1000)
  switch (operator) {
    case '>': { const v = seconds(property, value, zone); return i => at(i) > v }
    case '<': { const v = seconds(property, value, zone); return i => at(i) < v }
    case '=': { const v = seconds(property, value, zone); return i => at(i) === v }
    case '!=': { const v = seconds(property, value, zone); return i => at(i) !== v }
    case 'BETWEEN':
    case 'NOT BETWEEN': {
      if (!Array.isArray(value) || value.length !== 2) throw new AkeneoHttpError(422, `Property "${property}" expects an array with 2 elements as data.`)
      const [from, to] = [seconds(property, value[0], zone), seconds(property, value[1], zone)]
      const inside = (i: Searchable): boolean => at(i) >= from && at(i) <= to
      return operator === 'BETWEEN' ? inside : i => !inside(i)
    }
    case 'SINCE LAST N DAYS': {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new AkeneoHttpError(422, `Property "${property}" expects an integer as data.`)
      return i => at(i) >= Date.now() / 1000 - value * 86400
    }
    default: throw unsupported(property, operator)
  }
}

function listFilter (property: string, operator: unknown, value: unknown, pick: (i: Searchable) => string | null): Predicate {
  if (operator !== 'IN' && operator !== 'NOT IN') {
    if (operator === '=' && typeof value === 'string') return i => pick(i) === value
    throw unsupported(property, operator)
  }
  if (!Array.isArray(value) || !value.every(v => typeof v === 'string')) throw new AkeneoHttpError(422, `Property "${property}" expects an array of strings as data.`)
  if (value.length > MAX_IDENTIFIERS) throw new AkeneoHttpError(422, `Property "${property}" accepts at most ${MAX_IDENTIFIERS} values.`)
  const set = new Set(value)
  return operator === 'IN' ? i => set.has(pick(i) ?? '') : i => !set.has(pick(i) ?? '')
}

/**
 * Parses the `search` query parameter; `identifierFilter` is `sku` (products) or `identifier`
 * (models); dates are wall times in `timeZone`, the PIM server's zone.
 */
export function parseSearch (raw: string | undefined, identifierFilter: string, timeZone = 'UTC'): Predicate {
  const predicates = readSearchConditions(raw).map(({ property, operator, value }): Predicate => {
    if (property === 'updated') {
      const own = dateFilter(property, operator, value, timeZone)
      return item => own(item) || (item.ancestors ?? []).some(model => own({ ...item, updated: model.updated }))
    }
    if (property === 'created') return dateFilter(property, operator, value, timeZone)
    if (property === identifierFilter) return listFilter(property, operator, value, i => i.identifier)
    if (property === 'family') return listFilter(property, operator, value, i => i.family)
    if (property === 'parent') return listFilter(property, operator, value, i => i.parent)
    throw unsupported(property, operator)
  })
  return item => predicates.every(p => p(item))
}
