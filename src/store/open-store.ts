import { ConfigError } from '../config/env.js'
import { openSqliteStore } from './sqlite-store.js'
import type { Store } from './store.js'

/**
 * `sqlite:<path>` (relative to the working directory; `sqlite::memory:` for throwaway runs)
 * opens the embedded store. PostgreSQL is the planned multi-replica store and is refused
 * by name until it exists, rather than silently falling back to a local file.
 */
export function openStore (databaseUrl: string): Store {
  if (databaseUrl.startsWith('sqlite:')) {
    const file = databaseUrl.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '')
    if (file === '') throw new ConfigError('DATABASE_URL: sqlite: needs a file path, e.g. sqlite:./data/connector.db')
    return openSqliteStore(file)
  }
  throw new ConfigError('DATABASE_URL: PostgreSQL is not supported by this build yet; use sqlite:<file>')
}
