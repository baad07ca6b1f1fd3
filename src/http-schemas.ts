import { Type } from 'typebox'

/** What the root error handler answers (src/app.ts), declared for every error code a route sends. */
export const ErrorSchema = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String(),
  message: Type.String()
})

/** Error responses by status, to spread into a route's `response` schema. */
export function errorResponses (...codes: number[]): Record<number, typeof ErrorSchema> {
  return Object.fromEntries(codes.map((code) => [code, ErrorSchema]))
}

/** Webhook answers: how the deliveries in the request were recorded. */
export const IntakeReplySchema = Type.Object({
  accepted: Type.Integer(),
  ignored: Type.Integer(),
  duplicate: Type.Integer()
})

export function countOutcomes (outcomes: ReadonlyArray<{ status: 'accepted' | 'ignored' | 'duplicate' }>): { accepted: number, ignored: number, duplicate: number } {
  const counts = { accepted: 0, ignored: 0, duplicate: 0 }
  for (const outcome of outcomes) counts[outcome.status]++
  return counts
}
