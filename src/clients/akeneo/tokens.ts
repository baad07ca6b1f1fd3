import type { Got } from 'got'
import type { Logger } from 'pino'
import { Value } from 'typebox/value'
import type { ConcurrencyLimiter } from '../limit-concurrency.js'
import { callSite, httpError, networkError, shapeError } from './errors.js'
import { AkeneoTokenSchema } from './schemas.js'

export interface AkeneoCredentials { clientId: string, clientSecret: string, username: string, password: string }

export interface TokenManager {
  /** A valid access token; concurrent callers share one in-flight token request. */
  get: () => Promise<string>
  /** The server refused this token (401): the next `get` refreshes. */
  invalidate: (token: string) => void
}

const TOKEN_PATH = 'api/oauth/v1/token'

/** Password grant, refresh_token grant, and a fresh login when the refresh is refused. */
export function createTokenManager (http: Got, limiter: ConcurrencyLimiter, credentials: AkeneoCredentials, logger?: Logger): TokenManager {
  const basic = 'Basic ' + Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64')
  let access: { token: string, expiresAt: number } | undefined
  let refreshToken: string | undefined
  let inflight: Promise<string> | undefined

  async function grant (body: Record<string, string>): Promise<string> {
    const site = callSite('POST', TOKEN_PATH)
    const response = await limiter.run(() => http.post(TOKEN_PATH, { json: body, headers: { authorization: basic }, responseType: 'buffer' }))
      .catch((error: unknown) => { throw networkError(site, error) })
    if (response.statusCode !== 200) throw httpError(site, response.statusCode, response.body)
    const parsed: unknown = JSON.parse(response.body.toString())
    if (!Value.Check(AkeneoTokenSchema, parsed)) throw shapeError(site, 200, 'token answer', parsed, AkeneoTokenSchema)
    const lifetimeMs = parsed.expires_in * 1000
    // Renew a little early (a tenth of the lifetime, at most a minute) so a call never leaves with a dying token.
    access = { token: parsed.access_token, expiresAt: Date.now() + lifetimeMs - Math.min(60_000, lifetimeMs / 10) }
    refreshToken = parsed.refresh_token
    logger?.info({ grant: body.grant_type, expiresIn: parsed.expires_in }, 'akeneo token obtained')
    return parsed.access_token
  }

  const login = async (): Promise<string> => await grant({ grant_type: 'password', username: credentials.username, password: credentials.password })

  async function renew (): Promise<string> {
    if (refreshToken === undefined) return await login()
    const token = refreshToken
    refreshToken = undefined
    try {
      return await grant({ grant_type: 'refresh_token', refresh_token: token })
    } catch (error) {
      logger?.warn({ status: (error as { status?: number }).status }, 'akeneo token refresh failed, logging in again')
      return await login()
    }
  }

  return {
    async get () {
      if (access !== undefined && Date.now() < access.expiresAt) return access.token
      inflight ??= renew().finally(() => { inflight = undefined })
      return await inflight
    },
    invalidate (token) {
      if (access?.token === token) access = undefined
    }
  }
}
