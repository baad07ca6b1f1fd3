import type { Database } from 'better-sqlite3'
import { MIGRATIONS, type Migration } from './migrations/index.js'

/**
 * Applies the migrations not yet recorded, all in one transaction: a failing step leaves the
 * database exactly as it was. A database newer than this code (a version we do not know)
 * refuses to open rather than run against a schema it does not understand.
 */
export function migrate (db: Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`)
  const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map((row) => row.version))
  const known = new Set(migrations.map((step) => step.version))
  const unknown = [...applied].filter((version) => !known.has(version))
  if (unknown.length > 0) throw new Error(`The database has schema versions this build does not know (${unknown.join(', ')}); run a newer build`)

  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
  const ran: number[] = []
  db.transaction(() => {
    for (const step of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(step.version)) continue
      db.exec(step.up)
      record.run(step.version, step.name, new Date().toISOString())
      ran.push(step.version)
    }
  })()
  return ran
}
