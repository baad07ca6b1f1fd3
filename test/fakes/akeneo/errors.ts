import type { FastifyReply } from 'fastify'

/** One entry of Akeneo's `errors` array on a 422. */
export interface FakeValidationError {
  property: string
  message: string
  attribute?: string
  locale?: string | null
  scope?: string | null
}

/** Thrown by handlers; the app's error handler turns it into Akeneo's error body. */
export class AkeneoHttpError extends Error {
  constructor (readonly status: number, message: string, readonly errors?: FakeValidationError[]) {
    super(message)
  }

  get body (): Record<string, unknown> {
    return this.errors === undefined
      ? { code: this.status, message: this.message }
      : { code: this.status, message: this.message, errors: this.errors }
  }
}

export function validationFailed (errors: FakeValidationError[]): AkeneoHttpError {
  return new AkeneoHttpError(422, 'Validation failed.', errors)
}

export function notFound (message: string): AkeneoHttpError {
  return new AkeneoHttpError(404, message)
}

export function sendError (reply: FastifyReply, error: AkeneoHttpError): FastifyReply {
  return reply.code(error.status).type('application/json').send(error.body)
}

/** Akeneo accepts only `application/json` on its JSON routes. */
export function requireContentType (contentType: string | undefined, expected: string): void {
  const actual = (contentType ?? '').split(';')[0]?.trim().toLowerCase()
  if (actual !== expected) {
    throw new AkeneoHttpError(415, `"${actual ?? ''}" in "Content-Type" header is not valid. Only "${expected}" is allowed.`)
  }
}
