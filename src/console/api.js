/**
 * The admin API from the browser. The token lives in sessionStorage (this tab only, gone
 * when it closes) and travels as a bearer header — never in a URL.
 */
const KEY = 'connector-admin-token'

export class ApiError extends Error {
  constructor (message, status) {
    super(message)
    this.status = status
  }
}

export const token = {
  get: () => sessionStorage.getItem(KEY),
  set: (value) => { sessionStorage.setItem(KEY, value) },
  clear: () => { sessionStorage.removeItem(KEY) }
}

export async function api (method, path, body) {
  const headers = { authorization: `Bearer ${token.get() ?? ''}` }
  if (body !== undefined) headers['content-type'] = 'application/json'
  let response
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' })
  } catch {
    throw new ApiError(`The service cannot be reached at ${location.origin}. Is it running? (${method} ${path})`, 0)
  }
  const json = await response.json().catch(() => null)
  if (response.status === 401) throw new ApiError('The admin token was refused (401): sign in again with the service\'s ADMIN_TOKEN.', 401)
  if (response.status === 403) throw new ApiError('The admin API is disabled on this service (403): set ADMIN_TOKEN and restart it.', 403)
  if (!response.ok) throw new ApiError(`${method} ${path} answered ${response.status}: ${json?.message ?? response.statusText}`, response.status)
  return json
}
