import { EventEmitter } from 'node:events'

/** Switches and counters tests use to shape and observe the fake's behaviour. */
export interface InjectedFailure { status: number, retryAfterSeconds?: number, message?: string }

export interface LoggedRequest {
  method: string
  url: string
  path: string
  query: Record<string, string>
  /** Request headers without the Authorization value. */
  headers: Record<string, string | string[] | undefined>
  auth: 'basic' | 'bearer' | 'none'
  body: unknown
  status: number
  time: number
  durationMs: number
}

export interface FakeControls {
  latencyMs: number
  tokenTtlSeconds: number
  refreshTtlSeconds: number
  refuseRefresh: boolean
  maxConcurrent: number
  inFlight: number
  peakConcurrency: number
  failures: InjectedFailure[]
  /**
   * Called with each API request once its body is parsed; the request waits for the promise it
   * returns (e.g. a PATCH held back until another writer's read arrives). Delays only: what the
   * request then gets is what it would have got.
   */
  pause: ((request: { method: string, path: string, body: unknown }) => Promise<void> | undefined) | undefined
  requests: LoggedRequest[]
  /** `username`: the connection's user, the `author` of the events its writes cause. */
  accessTokens: Map<string, { expiresAt: number, clientId: string, username: string }>
  refreshTokens: Map<string, { expiresAt: number, clientId: string, username: string }>
  /** Every token ever issued, so tests can check none leaked into logs. */
  issuedTokens: string[]
  /** Every change event emitted, in order (see `EntityChangedEvent`). */
  changes: EntityChangedEvent[]
  events: EventEmitter<{ entityChanged: [EntityChangedEvent] }>
}

/**
 * What the Event Platform would send after an accepted write that changed an entity: a PATCH
 * (single or bulk line) or a media upload linked to it. Akeneo saves nothing — no `updated`
 * bump, no event — when a PATCH leaves every value as it was.
 */
export interface EntityChangedEvent {
  type: 'product' | 'product_model'
  action: 'created' | 'updated'
  uuid?: string
  identifier?: string
  code?: string
  /** Username of the connection whose token made the write (`data.author.identifier`). */
  author: string
  at: number
}

export function createControls (): FakeControls {
  return {
    latencyMs: 0,
    tokenTtlSeconds: 3600,
    refreshTtlSeconds: 14 * 86400,
    refuseRefresh: false,
    maxConcurrent: 4,
    inFlight: 0,
    peakConcurrency: 0,
    failures: [],
    pause: undefined,
    requests: [],
    accessTokens: new Map(),
    refreshTokens: new Map(),
    issuedTokens: [],
    changes: [],
    events: new EventEmitter()
  }
}
