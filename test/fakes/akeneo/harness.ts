import { Writable } from 'node:stream'
import { pino } from 'pino'
import { createAkeneoClient, type AkeneoClient, type AkeneoClientOptions } from '../../../src/clients/akeneo/index.js'
import { startFakeAkeneo, type FakeAkeneo, type FakeAkeneoOptions } from './index.js'

export interface Harness { fake: FakeAkeneo, client: AkeneoClient, logs: string[], close: () => Promise<void> }

/** A fake PIM plus a client pointed at it, logging at trace level into `logs`. */
export async function startHarness (fakeOptions: FakeAkeneoOptions = {}, clientOptions: Partial<AkeneoClientOptions> = {}): Promise<Harness> {
  const fake = await startFakeAkeneo(fakeOptions)
  const logs: string[] = []
  const stream = new Writable({ write (chunk: Buffer, _enc, done) { logs.push(chunk.toString()); done() } })
  const client = createAkeneoClient({
    baseUrl: fake.url,
    clientId: fake.client.clientId,
    clientSecret: fake.client.secret,
    username: fake.client.username,
    password: fake.client.password,
    logger: pino({ level: 'trace' }, stream),
    // Tests retry without waiting long.
    retry: { limit: 3, baseDelayMs: 5, maxDelayMs: 20 },
    ...clientOptions
  })
  return { fake, client, logs, close: fake.close }
}

/** Token grants the fake saw, in order, with their status. */
export function grants (fake: FakeAkeneo): string[] {
  return fake.requests
    .filter(r => r.path === '/api/oauth/v1/token')
    .map(r => `${String((r.body as { grant_type?: unknown }).grant_type)}:${r.status}`)
}

/** Raw access for emulator tests: a bearer token and a fetch wrapper. */
export async function rawToken (fake: FakeAkeneo): Promise<string> {
  const response = await fetch(`${fake.url}/api/oauth/v1/token`, {
    method: 'POST',
    headers: { authorization: 'Basic ' + Buffer.from(`${fake.client.clientId}:${fake.client.secret}`).toString('base64'), 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'password', username: fake.client.username, password: fake.client.password })
  })
  return ((await response.json()) as { access_token: string }).access_token
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test helper: assertions read arbitrary JSON
export async function raw (fake: FakeAkeneo, token: string, method: string, path: string, init: { json?: unknown, body?: string | FormData, contentType?: string } = {}): Promise<{ status: number, headers: Headers, text: string, json: () => any }> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` }
  if (init.json !== undefined) headers['content-type'] = init.contentType ?? 'application/json'
  else if (init.contentType !== undefined) headers['content-type'] = init.contentType
  const response = await fetch(`${fake.url}${path}`, { method, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body })
  const text = await response.text()
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) }
}
