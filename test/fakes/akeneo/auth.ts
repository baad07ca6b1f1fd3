import { randomBytes } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { FakeControls } from './controls.js'
import { AkeneoHttpError, sendError } from './errors.js'
import type { FakeAkeneoState } from './state.js'

const token = (): string => randomBytes(24).toString('base64url')

function issue (controls: FakeControls, clientId: string, username: string): Record<string, unknown> {
  const access = token()
  const refresh = token()
  const now = Date.now()
  controls.accessTokens.set(access, { expiresAt: now + controls.tokenTtlSeconds * 1000, clientId, username })
  controls.refreshTokens.set(refresh, { expiresAt: now + controls.refreshTtlSeconds * 1000, clientId, username })
  controls.issuedTokens.push(access, refresh)
  return { access_token: access, expires_in: controls.tokenTtlSeconds, token_type: 'bearer', scope: null, refresh_token: refresh }
}

function basicClient (state: FakeAkeneoState, header: string | undefined): FakeAkeneoState['clients'][number] {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '')
  const [id, secret] = match?.[1] === undefined ? [] : Buffer.from(match[1], 'base64').toString('utf8').split(':')
  const client = state.clients.find(c => c.clientId === id && c.secret === secret)
  if (client === undefined) {
    throw new AkeneoHttpError(422, 'Parameter "client_id" is missing or does not match any client, or secret is invalid')
  }
  return client
}

/** `POST /api/oauth/v1/token`: password and refresh_token grants (JSON or form body). */
export function registerTokenRoute (app: FastifyInstance, state: FakeAkeneoState, controls: FakeControls): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)))
  })
  app.post('/api/oauth/v1/token', async (request, reply) => {
    const client = basicClient(state, request.headers.authorization)
    const body = (request.body ?? {}) as Record<string, unknown>
    if (body.grant_type === 'password') {
      if (body.username !== client.username || body.password !== client.password) {
        throw new AkeneoHttpError(422, 'No user found for the given username and password')
      }
      return reply.send(issue(controls, client.clientId, client.username))
    }
    if (body.grant_type === 'refresh_token') {
      const known = typeof body.refresh_token === 'string' ? controls.refreshTokens.get(body.refresh_token) : undefined
      if (controls.refuseRefresh || known === undefined || known.expiresAt < Date.now() || known.clientId !== client.clientId) {
        throw new AkeneoHttpError(422, 'Refresh token is invalid or has expired')
      }
      // A refresh token is single use: the answer carries a new pair.
      controls.refreshTokens.delete(body.refresh_token as string)
      return reply.send(issue(controls, client.clientId, known.username))
    }
    return sendError(reply, new AkeneoHttpError(422, 'Parameter "grant_type" is missing or is not supported'))
  })
}

/** Every `/api/rest` call needs a live bearer token, else 401 as Akeneo answers it. */
export function checkBearer (controls: FakeControls, request: FastifyRequest): void {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')
  const known = match?.[1] === undefined ? undefined : controls.accessTokens.get(match[1])
  if (known === undefined || known.expiresAt <= Date.now()) {
    throw new AkeneoHttpError(401, 'Authentication is required')
  }
}

/** The username of the connection whose bearer token made this (already checked) call. */
export function authorOf (controls: FakeControls, request: FastifyRequest): string {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')
  return (match?.[1] === undefined ? undefined : controls.accessTokens.get(match[1])?.username) ?? 'unknown'
}
