import { AkeneoHttpError } from './errors.js'
import { ISO_DATE } from './asset-values.js'
import type { FakeAsset } from './asset-state.js'
import { readSearchConditions } from './search-conditions.js'

type Predicate = (asset: FakeAsset) => boolean

function instant (value: unknown): number {
  // Unlike products, asset `updated` filters take ISO 8601 only: "2026-11-28 10:00:00" is refused.
  if (typeof value !== 'string' || !ISO_DATE.test(value)) {
    throw new AkeneoHttpError(422, `Property "updated" expects an ISO 8601 date such as "2021-05-17T15:19:32Z" or "2021-05-17T15:19:32+00:00", ${JSON.stringify(value)} given.`)
  }
  return Math.floor(Date.parse(value) / 1000)
}

function updatedFilter (operator: unknown, value: unknown): Predicate {
  const at = (asset: FakeAsset): number => Math.floor(asset.updated / 1000)
  switch (operator) {
    case '>': { const v = instant(value); return (a) => at(a) > v }
    case '<': { const v = instant(value); return (a) => at(a) < v }
    case 'BETWEEN':
    case 'NOT BETWEEN': {
      if (!Array.isArray(value) || value.length !== 2) throw new AkeneoHttpError(422, 'Property "updated" expects an array with 2 elements as data.')
      const [from, to] = [instant(value[0]), instant(value[1])]
      return operator === 'BETWEEN' ? (a) => at(a) >= from && at(a) <= to : (a) => at(a) < from || at(a) > to
    }
    case 'SINCE LAST N DAYS':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new AkeneoHttpError(422, 'Property "updated" expects an integer as data.')
      return (a) => at(a) >= Date.now() / 1000 - value * 86400
    default:
      throw new AkeneoHttpError(422, `Filter on property "updated" does not support operator "${String(operator)}".`)
  }
}

/** The asset list's `search`: `code` with IN, and `updated`; other filters are refused. */
export function parseAssetSearch (raw: string | undefined): Predicate {
  const predicates = readSearchConditions(raw).map(({ property, operator, value }): Predicate => {
    if (property === 'updated') return updatedFilter(operator, value)
    if (property === 'code' && operator === 'IN') {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new AkeneoHttpError(422, 'Property "code" expects an array of strings as data.')
      const codes = new Set(value)
      return (a) => codes.has(a.code)
    }
    throw new AkeneoHttpError(422, `Filter on property "${property}" is not supported or does not support operator "${String(operator)}".`)
  })
  return (asset) => predicates.every((p) => p(asset))
}
