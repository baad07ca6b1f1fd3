import { formatAkeneoDate } from './akeneo-date.js'

export interface SearchOptions {
  /** Items updated in or after this second (see `updatedFilter`). */
  updatedAfter?: Date
  /** Product identifiers / product model codes; chunked to 100 per search (Akeneo's IN limit). */
  identifiers?: string[]
  /** Only these attributes' values are returned (`attributes=a,b`). */
  attributes?: string[]
  /** Page size, 1–100 (Akeneo rejects more); default 100. */
  limit?: number
}

const MAX_IN = 100
const MAX_LIMIT = 100

/**
 * Akeneo's `>` is strict with one-second precision, so `> floor(t)` would miss an item
 * updated later within the same second. We send one second earlier: a repeat is harmless
 * (handlers are idempotent), a miss is not.
 */
export function updatedFilter (updatedAfter: Date, timeZone = 'UTC'): { operator: '>', value: string } {
  return { operator: '>', value: formatAkeneoDate(new Date(updatedBoundMs(updatedAfter)), timeZone) }
}

/** The instant `updatedFilter` sends: items listed for themselves were updated in a later second. */
export function updatedBoundMs (updatedAfter: Date): number {
  return Math.floor(updatedAfter.getTime() / 1000) * 1000 - 1000
}

/** One query per chunk of ≤100 identifiers; an empty identifier list means no query at all. Dates in the PIM's `timeZone`. */
export function searchQueries (options: SearchOptions, identifierFilter: string, timeZone = 'UTC'): Array<Record<string, string>> {
  const limit = options.limit ?? MAX_LIMIT
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new RangeError(`limit must be 1–${MAX_LIMIT}, got ${limit}`)
  const base: Record<string, unknown[]> = {}
  if (options.updatedAfter !== undefined) base.updated = [updatedFilter(options.updatedAfter, timeZone)]
  const chunks: Array<string[] | undefined> = []
  if (options.identifiers === undefined) chunks.push(undefined)
  else for (let i = 0; i < options.identifiers.length; i += MAX_IN) chunks.push(options.identifiers.slice(i, i + MAX_IN))
  return chunks.map(chunk => {
    const search = chunk === undefined ? base : { ...base, [identifierFilter]: [{ operator: 'IN', value: chunk }] }
    return {
      pagination_type: 'search_after',
      limit: String(limit),
      ...(Object.keys(search).length > 0 ? { search: JSON.stringify(search) } : {}),
      ...(options.attributes === undefined ? {} : { attributes: options.attributes.join(',') })
    }
  })
}
