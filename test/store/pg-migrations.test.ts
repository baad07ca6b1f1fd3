import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import pg from 'pg'
import { ConfigError } from '../../src/config/env.js'
import { MIGRATIONS } from '../../src/store/migrations/index.js'
import { openStore } from '../../src/store/open-store.js'
import { PG_MIGRATIONS } from '../../src/store/pg-migrations.js'
import { createTestDatabase, databaseUrl, TEST_SERVER_URL, type TestDatabase } from '../helpers/pg-database.js'
import { runCli } from '../helpers/run-cli.js'

let db: TestDatabase
before(async () => { db = await createTestDatabase() })
after(async () => { await db.drop() })

async function versions (url: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try { return (await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r) => r.version) } finally { await client.end() }
}

async function rejectsWith (url: string, pattern: RegExp): Promise<void> {
  await assert.rejects(openStore(url), (error: Error) => {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`)
    assert.match(error.message, /^DATABASE_URL \(/)
    assert.match(error.message, pattern)
    assert.doesNotMatch(error.message, /s3cret/, 'the password stays out of the message')
    return true
  })
}

describe('PostgreSQL store migrations', () => {
  it('has the same steps as the SQLite store (versions and names)', () => {
    assert.deepEqual(PG_MIGRATIONS.map((m) => [m.version, m.name]), MIGRATIONS.map((m) => [m.version, m.name]))
  })

  it('migrates once when several replicas open a new database at the same moment', async () => {
    const url = await db.freshSchema()
    const stores = await Promise.all(Array.from({ length: 4 }, async () => await openStore(url)))
    assert.deepEqual(await versions(url), MIGRATIONS.map((m) => m.version))
    for (const store of stores) assert.equal(await store.ping(), true)
    await Promise.all(stores.map(async (store) => { await store.close() }))
    const again = await openStore(url)
    await again.close()
    assert.deepEqual(await versions(url), MIGRATIONS.map((m) => m.version))
  })

  it('refuses a database migrated by a newer build', async () => {
    const url = await db.freshSchema()
    await (await openStore(url)).close()
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    await client.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES (98, 'future', 'now'), (99, 'later', 'now')")
    await client.end()
    await rejectsWith(url, /schema versions this build does not know \(98, 99\); run a newer build/)
  })
})

describe('PostgreSQL errors a user can act on', () => {
  const withPassword = (url: string): string => { const u = new URL(url); u.password = 's3cret'; return u.toString() }

  it('an unreachable server', async () => {
    const url = new URL(withPassword(TEST_SERVER_URL))
    url.port = '1'
    await rejectsWith(url.toString(), /cannot reach PostgreSQL.*ECONNREFUSED/)
  })

  it('credentials the server refuses', async () => {
    const url = new URL(withPassword(db.url))
    url.username = 'no_such_role'
    await rejectsWith(url.toString(), /postgres:\/\/no_such_role:\*\*\*@.*refused the credentials.*no_such_role/)
  })

  it('a database that does not exist', async () => {
    await rejectsWith(withPassword(databaseUrl(`${db.name}_missing`)), /database ".*_missing" does not exist; create it first/)
  })

  it('stops `serve` with the message and exit code 1', async () => {
    const url = new URL(withPassword(TEST_SERVER_URL))
    url.port = '1'
    const result = await runCli(['serve'], {
      env: {
        DATABASE_URL: url.toString(), AKENEO_BASE_URL: 'http://127.0.0.1:9', AKENEO_CLIENT_ID: 'c', AKENEO_CLIENT_SECRET: 's', AKENEO_USERNAME: 'u',
        AKENEO_PASSWORD: 'p', BYNDER_BASE_URL: 'http://127.0.0.1:9', BYNDER_PERMANENT_TOKEN: 't', CREDENTIALS_FILE: '', LOG_LEVEL: 'silent'
      }
    })
    assert.equal(result.code, 1, result.stderr)
    assert.match(result.stderr, /cannot start\.\nDATABASE_URL \(postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/postgres\): cannot reach PostgreSQL/)
    assert.doesNotMatch(result.stderr + result.stdout, /s3cret/)
  })
})
