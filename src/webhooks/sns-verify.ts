import { createVerify, X509Certificate } from 'node:crypto'
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

/**
 * Verifies SNS messages the way AWS documents it: a trusted certificate URL (checked against
 * the pattern *before* any fetch), the certificate cached by URL (failures are not cached,
 * so a transient error does not lock a topic out), SHA1 for version 1 and SHA256 for 2.
 */
export function createSnsVerifier (options: SnsVerifierOptions): { verify: (message: SnsMessage) => Promise<void>, trustedCertUrl: (url: string) => URL | null } {
  const fetchCertificate = options.fetchCertificate ?? fetchCertificateText
  const clock = options.clock ?? Date.now
  const cache = new Map<string, Promise<X509Certificate>>()

  function trustedCertUrl (url: string): URL | null {
    if (!options.certUrlPattern.test(url)) return null
    try {
      return new URL(url)
    } catch {
      return null
    }
  }

  function certificate (url: string): Promise<X509Certificate> {
    let entry = cache.get(url)
    if (entry === undefined) {
      if (cache.size >= MAX_CACHED_CERTIFICATES) cache.delete(cache.keys().next().value!)
      entry = fetchCertificate(url).then((pem) => new X509Certificate(pem))
      entry.catch(() => cache.delete(url))
      cache.set(url, entry)
    }
    return entry
  }

  async function verify (message: SnsMessage): Promise<void> {
    const algorithm = message.SignatureVersion === '1' ? 'RSA-SHA1' : message.SignatureVersion === '2' ? 'RSA-SHA256' : null
    if (algorithm === null) throw new SnsVerificationError(`unsupported SignatureVersion ${JSON.stringify(message.SignatureVersion)}`)
    if (trustedCertUrl(message.SigningCertURL) === null) throw new SnsVerificationError('SigningCertURL is not a trusted SNS certificate URL')
    const text = snsStringToSign(message)
    if (text === null) throw new SnsVerificationError(`${message.Type} lacks the fields its signature covers`)

    let cert: X509Certificate
    try {
      cert = await certificate(message.SigningCertURL)
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
