import { UpstreamError } from '../clients/upstream-error.js'

/**
 * One line on why a system could not be checked. UpstreamError messages carry the API, the
 * call, the status and the upstream's own message — never a token (src/clients/upstream-error.ts);
 * `credentialsHint` names the settings to look at, not their values.
 */
export function describeFailure (error: unknown, credentialsHint: string): string {
  if (!(error instanceof UpstreamError)) return `check failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`
  const { status } = error
  const token = error.path.includes('/oauth/')
  let what: string
  if (status === undefined) what = 'cannot connect (DNS, refused connection or timeout); check the base URL and the network'
  else if (status === 401 || status === 403 || (token && status === 422)) what = `authentication refused; check ${credentialsHint}`
  else if (status === 429) what = 'rate limited; try again later'
  else if (status >= 500) what = 'the server failed; try again later'
  else what = 'unexpected answer'
  return `${what} — ${error.message}`
}

/** Scheme, host and port only: a base URL may carry user info, which is a secret. */
export function safeOrigin (baseUrl: string): string {
  try {
    const url = new URL(baseUrl)
    return `${url.protocol}//${url.host}`
  } catch {
    return '(invalid URL)'
  }
}

/** Last line of defence: no secret value reaches the output, whatever an upstream echoed. */
export function redact (text: string, secrets: readonly string[]): string {
  return secrets.filter((secret) => secret.length >= 4).reduce((out, secret) => out.split(secret).join('[redacted]'), text)
}
