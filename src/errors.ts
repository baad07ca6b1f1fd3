import createError from '@fastify/error'

/** The error catalogue: every error the HTTP surface answers with on purpose. */
export const Unauthorized = createError('CONNECTOR_UNAUTHORIZED', '%s', 401)
export const NotFound = createError('CONNECTOR_NOT_FOUND', '%s', 404)
export const BadRequest = createError('CONNECTOR_BAD_REQUEST', '%s', 400)
export const Conflict = createError('CONNECTOR_CONFLICT', '%s', 409)
export const PayloadTooLarge = createError('CONNECTOR_PAYLOAD_TOO_LARGE', '%s', 413)
export const TooManyRequests = createError('CONNECTOR_TOO_MANY_REQUESTS', '%s', 429)
export const NotReady = createError('CONNECTOR_NOT_READY', '%s', 503)
export const Forbidden = createError('CONNECTOR_FORBIDDEN', '%s', 403)
export const MethodNotAllowed = createError('CONNECTOR_METHOD_NOT_ALLOWED', '%s', 405)
export const BadGateway = createError('CONNECTOR_BAD_GATEWAY', '%s', 502)
