import { ConfigError } from '../config/env.js'
import { openPgStore } from './pg-store.js'
import { openSqliteStore, type SqliteStoreOptions } from './sqlite-store.js'
import type { Store } from './store.js'

/**
 * `sqlite:<path>` (relative to the working directory; `sqlite::memory:` for throwaway runs)
 * opens the embedded store; `postgres://…` or `postgresql://…` the shared one for several
 * replicas. Async because PostgreSQL connects and migrates before the store is usable; a
 * problem the user can fix (unreachable, credentials, unknown database, schema newer than
 * this build) is a ConfigError naming DATABASE_URL without its password.
 */
export async function openStore (databaseUrl: string, options: SqliteStoreOptions = {}): Promise<Store> {
  if (databaseUrl.startsWith('sqlite:')) {
    const file = databaseUrl.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '')
    if (file === '') throw new ConfigError('DATABASE_URL: sqlite: needs a file path, e.g. sqlite:./data/connector.db')
    return openSqliteStore(file, options)
  }
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return await openPgStore(databaseUrl)
  throw new ConfigError('DATABASE_URL: expected sqlite:<file> or postgres://user:password@host:5432/database')
}
