import { HTTPError, RequestError } from 'got'
import { UpstreamError } from '../upstream-error.js'

/** Bynder's error bodies: `{"message": "...", "statuscode": 400}`, sometimes `{"error": "..."}`. */
export function bynderMessage (body: unknown, fallback: string): string {
  if (typeof body === 'object' && body !== null) {
    const b = body as Record<string, unknown>
    for (const key of ['message', 'error', 'error_description']) {
      if (typeof b[key] === 'string' && b[key] !== '') return b[key]
    }
  }
  return fallback
}

/**
 * Got errors carry the request options (the bearer header included), so none is kept as
 * `cause`: the domain error holds only the API, call, status and Bynder's own message.
 */
export function toUpstreamError (err: unknown, method: string, path: string): UpstreamError {
  if (err instanceof UpstreamError) return err
  if (err instanceof HTTPError) {
    const status = err.response.statusCode
    return new UpstreamError({ api: 'bynder', method, path, status, message: bynderMessage(err.response.body, err.response.statusMessage ?? 'HTTP error') })
  }
  if (err instanceof RequestError) {
    return new UpstreamError({ api: 'bynder', method, path, message: `${err.code}: ${err.message}` })
  }
  return new UpstreamError({ api: 'bynder', method, path, message: err instanceof Error ? err.message : String(err) })
}

/** A response that answered but does not have the shape the service acts on: not retryable. */
export function invalidResponse (method: string, path: string, status: number, message: string): UpstreamError {
  return new UpstreamError({ api: 'bynder', method, path, status, message: `unexpected response: ${message}` })
}
