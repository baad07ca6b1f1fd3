import createError from '@fastify/error'

/** The error catalogue: every error the HTTP surface answers with on purpose. */
export const Unauthorized = createError('CONNECTOR_UNAUTHORIZED', '%s', 401)
export const NotFound = createError('CONNECTOR_NOT_FOUND', '%s', 404)
export const BadRequest = createError('CONNECTOR_BAD_REQUEST', '%s', 400)
export const PayloadTooLarge = createError('CONNECTOR_PAYLOAD_TOO_LARGE', '%s', 413)
export const TooManyRequests = createError('CONNECTOR_TOO_MANY_REQUESTS', '%s', 429)
export const NotReady = createError('CONNECTOR_NOT_READY', '%s', 503)
