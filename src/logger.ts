import { createRequire } from 'node:module'
import type { LoggerOptions } from 'pino'

/**
 * Paths pino censors in every line. Headers carry bearer tokens and webhook signatures;
 * objects logged by clients or handlers may carry credentials under these names.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-akeneo-signature-primary"]',
  'req.headers["x-akeneo-signature-secondary"]',
  'req.headers["x-akeneo-request-signature"]',
  'headers.authorization',
  '*.password',
  '*.secret',
  '*.token',
  '*.access_token',
  '*.refresh_token',
  '*.permanentToken',
  '*.permanent_token',
  '*.clientSecret',
  '*.client_secret',
  '*.Signature'
]

function prettyTransportAvailable (): boolean {
  try {
    createRequire(import.meta.url).resolve('pino-pretty')
    return true
  } catch {
    return false
  }
}

/** JSON lines for machines; pino-pretty only on a terminal (and only where it is installed). */
export function loggerOptions (level: string): LoggerOptions {
  const pretty = process.stdout.isTTY === true && prettyTransportAvailable()
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } } : {})
  }
}
