import { AkeneoHttpError } from './errors.js'

export interface SearchCondition { property: string, operator?: unknown, value?: unknown }

/** The `search` query parameter as (property, operator, value) triples, in Akeneo's shape: `{"p": [{operator, value}]}`. */
export function readSearchConditions (raw: string | undefined): SearchCondition[] {
  if (raw === undefined || raw === '') return []
  let search: unknown
  try { search = JSON.parse(raw) } catch { throw new AkeneoHttpError(400, 'Search query parameter should be valid JSON.') }
  if (search === null || typeof search !== 'object' || Array.isArray(search)) throw new AkeneoHttpError(422, 'Search query parameter should be a JSON object.')
  const conditions: SearchCondition[] = []
  for (const [property, list] of Object.entries(search)) {
    if (!Array.isArray(list)) {
      throw new AkeneoHttpError(422, `Structure of filter "${property}" should respect this structure: {"${property}":[{"operator": "my_operator", "value": "my_value"}]}`)
    }
    for (const { operator, value } of list as Array<{ operator?: unknown, value?: unknown }>) conditions.push({ property, operator, value })
  }
  return conditions
}
