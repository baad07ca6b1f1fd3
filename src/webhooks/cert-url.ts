const hasSeparatorOrControl = (path: string): boolean => [...path].some((char) => char === '\\' || char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)

/**
 * The certificate URL as the fetch will see it, or null when it is not trusted. The pattern
 * is matched against the normalised form (WHATWG parsing: scheme and host lower-cased, the
 * default port dropped, dot segments resolved, `%2e%2e` included) with the path
 * percent-decoded, so `/sns/../evil/x.pem` or `/sns/%2e%2e/evil/x.pem` cannot pass a
 * path-scoped pattern and then be fetched elsewhere. The caller fetches `url.href`: exactly
 * what was checked.
 */
export function trustedCertificateUrl (raw: string, pattern: RegExp): URL | null {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return null
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null
  // Userinfo could make a reader (or a lax pattern) see one host while the fetch goes to another.
  if (url.username !== '' || url.password !== '') return null
  // A fragment is never sent: the checked string and the requested resource would differ.
  if (url.hash !== '' || raw.includes('#')) return null
  // A query only where the pattern itself names one (the default pattern refuses any).
  if (url.search !== '' && !pattern.source.includes('\\?')) return null
  let path: string
  try {
    path = decodeURIComponent(url.pathname)
  } catch {
    return null
  }
  // Encoded separators or dot segments would read differently on a server that decodes them.
  if (path.split('/').some((segment) => segment === '.' || segment === '..') || hasSeparatorOrControl(path)) return null
  const checked = `${url.protocol}//${url.host}${path}${url.search}`
  return pattern.test(checked) ? url : null
}
