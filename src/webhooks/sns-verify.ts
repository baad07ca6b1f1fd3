import { createVerify, X509Certificate } from 'node:crypto'
import { trustedCertificateUrl } from './cert-url.js'
import { createFetchBudget } from './fetch-budget.js'
import { snsStringToSign, type SnsMessage } from './sns-message.js'

/** Why a message was not trusted; the route answers 401 with this. */
export class SnsVerificationError extends Error {
  override readonly name = 'SnsVerificationError'
}

export type CertificateFetcher = (url: string) => Promise<string>

export interface SnsVerifierOptions {
  /** SNS_CERT_URL_PATTERN: only matching certificate URLs are ever fetched. */
  certUrlPattern: RegExp
  fetchCertificate?: CertificateFetcher
  clock?: () => number
  /** How long a failed fetch is remembered (a forged URL answering 404 is not fetched again meanwhile). */
  failureTtlMs?: number
  /** Outbound certificate fetches allowed per minute, whatever the envelopes name. */
  maxFetchesPerMinute?: number
}

const MAX_CACHED_CERTIFICATES = 32
const MAX_CERTIFICATE_BYTES = 64 * 1024

/**
 * Fetches a PEM without following redirects (a redirect could leave the trusted host the
 * pattern approved) with a timeout and a size cap.
 */
export const fetchCertificateText: CertificateFetcher = async (url) => {
  const response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(5000) })
  if (!response.ok) throw new Error(`certificate URL answered ${response.status}`)
  const text = await response.text()
  if (text.length > MAX_CERTIFICATE_BYTES) throw new Error('certificate too large')
  return text
}

const FAILURE_TTL_MS = 30_000
const MAX_FETCHES_PER_MINUTE = 10

/**
 * Verifies SNS messages the way AWS documents it: a trusted certificate URL (checked against
 * the pattern *before* any fetch, on its normalised form), the certificate cached by URL,
 * SHA1 for version 1 and SHA256 for 2. Failed fetches are remembered for `failureTtlMs` and
 * fetches are bounded per minute, so a flood of forged envelopes cannot turn the service into
 * a stream of outbound requests; SNS redelivers, so a brief refusal loses nothing.
 */
export function createSnsVerifier (options: SnsVerifierOptions): { verify: (message: SnsMessage) => Promise<void>, trustedCertUrl: (url: string) => URL | null } {
  const fetchCertificate = options.fetchCertificate ?? fetchCertificateText
  const clock = options.clock ?? Date.now
  const failureTtlMs = options.failureTtlMs ?? FAILURE_TTL_MS
  const cache = new Map<string, Promise<X509Certificate>>()
  const failedUntil = new Map<string, number>()
  const budget = createFetchBudget(options.maxFetchesPerMinute ?? MAX_FETCHES_PER_MINUTE, 60_000, clock)

  const trustedCertUrl = (url: string): URL | null => trustedCertificateUrl(url, options.certUrlPattern)

  function certificate (url: string): Promise<X509Certificate> {
    let entry = cache.get(url)
    if (entry !== undefined) return entry
    const until = failedUntil.get(url)
    if (until !== undefined && until > clock()) return Promise.reject(new Error('certificate URL failed recently'))
    failedUntil.delete(url)
    if (!budget.take()) return Promise.reject(new Error('too many certificate fetches; try again later'))
    if (cache.size >= MAX_CACHED_CERTIFICATES) cache.delete(cache.keys().next().value!)
    entry = fetchCertificate(url).then((pem) => new X509Certificate(pem))
    entry.catch(() => {
      cache.delete(url)
      if (failedUntil.size >= MAX_CACHED_CERTIFICATES * 8) failedUntil.delete(failedUntil.keys().next().value!)
      failedUntil.set(url, clock() + failureTtlMs)
    })
    cache.set(url, entry)
    return entry
  }

  async function verify (message: SnsMessage): Promise<void> {
    const algorithm = message.SignatureVersion === '1' ? 'RSA-SHA1' : message.SignatureVersion === '2' ? 'RSA-SHA256' : null
    if (algorithm === null) throw new SnsVerificationError(`unsupported SignatureVersion ${JSON.stringify(message.SignatureVersion)}`)
    const certUrl = trustedCertUrl(message.SigningCertURL)
    if (certUrl === null) throw new SnsVerificationError('SigningCertURL is not a trusted SNS certificate URL')
    const text = snsStringToSign(message)
    if (text === null) throw new SnsVerificationError(`${message.Type} lacks the fields its signature covers`)

    let cert: X509Certificate
    try {
      cert = await certificate(certUrl.href)
    } catch (error) {
      throw new SnsVerificationError(`signing certificate unavailable: ${(error as Error).message}`)
    }
    const now = clock()
    if (now < Date.parse(cert.validFrom) || now > Date.parse(cert.validTo)) throw new SnsVerificationError('signing certificate is not valid now')
    const verifier = createVerify(algorithm)
    verifier.update(text, 'utf8')
    if (!verifier.verify(cert.publicKey, message.Signature, 'base64')) throw new SnsVerificationError('signature does not match')
  }

  return { verify, trustedCertUrl }
}
