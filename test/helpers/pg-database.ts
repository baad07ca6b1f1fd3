import { randomBytes } from 'node:crypto'
import pg from 'pg'

/** The server the PostgreSQL tests use (trust auth); override with TEST_DATABASE_URL. */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

/** The URL of another database (or the same with other query parameters) on the test server. */
export function databaseUrl (database: string, params: Record<string, string> = {}): string {
  const url = new URL(TEST_SERVER_URL)
  url.pathname = `/${database}`
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value)
  return url.toString()
}

async function admin<T> (work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_SERVER_URL })
  await client.connect()
  try { return await work(client) } finally { await client.end() }
}

export interface TestDatabase {
  name: string
  url: string
  /** A fresh empty schema in this database, as a URL whose connections use only it. */
  freshSchema: () => Promise<string>
  drop: () => Promise<void>
}

/** A new database with a unique name for this test run; `drop` removes it (and ends its connections). */
export async function createTestDatabase (): Promise<TestDatabase> {
  const name = `connector_test_${process.pid}_${randomBytes(4).toString('hex')}`
  await admin(async (client) => { await client.query(`CREATE DATABASE ${name}`) })
  let schemas = 0
  return {
    name,
    url: databaseUrl(name),
    freshSchema: async () => {
      const schema = `s${++schemas}`
      const client = new pg.Client({ connectionString: databaseUrl(name) })
      await client.connect()
      try { await client.query(`CREATE SCHEMA ${schema}`) } finally { await client.end() }
      return databaseUrl(name, { options: `-c search_path=${schema}` })
    },
    drop: async () => { await admin(async (client) => { await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) }) }
  }
}
