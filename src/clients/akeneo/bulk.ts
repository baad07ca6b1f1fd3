import { Value } from 'typebox/value'
import { callSite, shapeError } from './errors.js'
import type { AkeneoSend } from './request.js'
import { AkeneoBulkLineSchema, type AkeneoBulkLineResult } from './schemas.js'
import { writable } from './writable.js'

const COLLECTION_TYPE = 'application/vnd.akeneo.collection+json'
const MAX_LINES = 100

/**
 * Bulk PATCH in chunks of ≤100 lines (Akeneo answers 413 above that). The answer is 200
 * even when lines fail, so every line's result is returned; `line` is renumbered to the
 * caller's 1-based position in `items`.
 */
export async function bulkPatch (send: AkeneoSend, path: string, items: Array<Record<string, unknown>>): Promise<AkeneoBulkLineResult[]> {
  const chunks: Array<Array<Record<string, unknown>>> = []
  for (let i = 0; i < items.length; i += MAX_LINES) chunks.push(items.slice(i, i + MAX_LINES))
  const answers = await Promise.all(chunks.map(async (chunk, index) => {
    const response = await send({
      method: 'PATCH',
      path,
      headers: { 'content-type': COLLECTION_TYPE },
      body: () => chunk.map(item => JSON.stringify(writable(item))).join('\n')
    })
    return response.body.toString().split('\n').filter(line => line.trim() !== '').map(line => {
      const result: unknown = JSON.parse(line)
      if (!Value.Check(AkeneoBulkLineSchema, result)) throw shapeError(callSite('PATCH', path), response.statusCode, 'bulk line', result, AkeneoBulkLineSchema)
      return { ...result, line: result.line + index * MAX_LINES }
    })
  }))
  return answers.flat()
}
