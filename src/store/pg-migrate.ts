import type pg from 'pg'
import { ConfigError } from '../config/env.js'
import type { Migration } from './migrations/index.js'
import { LOCK_MIGRATIONS, redactUrl, transaction } from './pg-pool.js'
import { PG_MIGRATIONS } from './pg-migrations.js'

/**
 * Applies the steps not yet recorded, in one transaction (PostgreSQL DDL is transactional),
 * under an advisory lock: replicas starting together wait for the first one and then find
 * nothing left to do. A database with a version this build does not know refuses to open.
 */
export async function migratePg (pool: pg.Pool, url: string, migrations: readonly Migration[] = PG_MIGRATIONS): Promise<number[]> {
  return await transaction(pool, async (sql) => {
    await sql.query('SELECT pg_advisory_xact_lock($1, 0)', [LOCK_MIGRATIONS])
    await sql.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`)
    const applied = new Set((await sql.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((row) => row.version))
    const known = new Set(migrations.map((step) => step.version))
    const unknown = [...applied].filter((version) => !known.has(version)).sort((a, b) => a - b)
    if (unknown.length > 0) {
      throw new ConfigError(`DATABASE_URL (${redactUrl(url)}): the database has schema versions this build does not know (${unknown.join(', ')}); run a newer build`)
    }
    const ran: number[] = []
    for (const step of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(step.version)) continue
      await sql.query(step.up)
      await sql.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [step.version, step.name, new Date().toISOString()])
      ran.push(step.version)
    }
    return ran
  })
}
