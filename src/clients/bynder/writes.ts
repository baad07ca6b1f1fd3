import type { BynderHttp } from './http.js'

/** metaproperty **id** → option ids (select-like) or the text value; `[]` / `''` clears. */
export type MetapropertyValues = Record<string, string[] | string>

/**
 * `POST /api/v4/media/{id}/`, form-encoded, one field per metaproperty:
 * `metaproperty.<id>=<optionId>,<optionId>` — a single comma-joined field (not repeated
 * keys), always the complete desired set (assumed: a post replaces the set). Nothing else
 * is ever sent: `name` (empty wipes it), `description`, `tags`, `archive` and `isPublic`
 * (irreversible) cannot appear because every key is built as `metaproperty.<id>`.
 */
export function buildMetapropertyForm (values: MetapropertyValues): Record<string, string> {
  const form: Record<string, string> = {}
  for (const [id, value] of Object.entries(values)) {
    if (!/^[A-Za-z0-9-]+$/.test(id)) throw new RangeError(`Not a metaproperty id: ${id}`)
    if (Array.isArray(value)) {
      const bad = value.find((v) => v === '' || v.includes(','))
      if (bad !== undefined) throw new RangeError(`Not an option id: "${bad}"`)
      form[`metaproperty.${id}`] = value.join(',')
    } else {
      form[`metaproperty.${id}`] = value
    }
  }
  return form
}

export async function setMetaproperties (http: BynderHttp, assetId: string, values: MetapropertyValues): Promise<void> {
  const form = buildMetapropertyForm(values)
  if (Object.keys(form).length === 0) return
  await http.request('POST', `api/v4/media/${encodeURIComponent(assetId)}/`, { form })
}
