import pg from 'pg'
import { ConfigError } from '../config/env.js'

export type Sql = Pick<pg.PoolClient, 'query'>

/** Advisory lock classes (first key of the two-key form), so the store's locks never meet another application's. */
export const LOCK_MIGRATIONS = 0x42a0
export const LOCK_ENTITY = 0x42a1

// BIGINT (epoch ms, ids) as numbers: every value the store keeps is far below 2^53.
const INT8 = 20
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser
}

/** `DATABASE_URL` as a message may show it: the password replaced, everything else kept. */
export function redactUrl (url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password !== '') parsed.password = '***'
    return parsed.toString()
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@')
  }
}

export function createPool (url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, types, max: 10, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30_000 })
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', () => {})
  return pool
}

/** Turns what a user can fix (address, credentials, database name) into a ConfigError naming DATABASE_URL. */
export function describeConnectError (error: unknown, url: string): Error {
  const code = (error as { code?: string }).code
  const message = (error as Error).message
  const where = `DATABASE_URL (${redactUrl(url)})`
  if (code === '28P01' || code === '28000') return new ConfigError(`${where}: PostgreSQL refused the credentials: ${message}`)
  if (code === '3D000') return new ConfigError(`${where}: ${message}; create it first (createdb) or fix the name`)
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' ||
    /timeout|terminated/i.test(message)) {
    return new ConfigError(`${where}: cannot reach PostgreSQL: ${message}`)
  }
  return error as Error
}

// Deadlock, serialization failure: the transaction did nothing and may simply run again.
const TRANSIENT = new Set(['40P01', '40001'])

/** Runs `work` in one transaction on one pooled connection; retried a few times when PostgreSQL aborts it as transient. */
export async function transaction<T> (pool: pg.Pool, work: (sql: Sql) => Promise<T>, retryOn: ReadonlySet<string> = TRANSIENT): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect()
    try {
      await client.query('BEGIN')
      const result = await work(client)
      await client.query('COMMIT')
      return result
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {})
      const code = (error as { code?: string }).code
      if (attempt >= 5 || code === undefined || !retryOn.has(code)) throw error
    } finally {
      client.release()
    }
  }
}

/**
 * Takes the per-entity locks for the rest of the transaction (blocking), in one statement and
 * in sorted order so two batches cannot deadlock (volatile functions run after the ordering).
 */
export async function lockEntities (sql: Sql, entityKeys: Iterable<string>): Promise<void> {
  const keys = [...new Set(entityKeys)].sort()
  if (keys.length === 0) return
  await sql.query({ name: 'lock-entities', text: 'SELECT pg_advisory_xact_lock($1, hashtext(key)) FROM unnest($2::text[]) WITH ORDINALITY AS k (key, n) ORDER BY n', values: [LOCK_ENTITY, keys] })
}
