import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import Database from 'better-sqlite3'
import { MIGRATIONS } from '../../src/store/migrations/index.js'
import { migrate } from '../../src/store/sqlite-migrate.js'
import { openStore } from '../../src/store/open-store.js'

const dir = mkdtempSync(join(tmpdir(), 'connector-store-'))
after(() => rmSync(dir, { recursive: true, force: true }))

describe('SQLite store migrations', () => {
  it('creates the folder and schema at open, in WAL mode, recording each version once', async () => {
    const file = join(dir, 'nested', 'folder', 'state.db')
    const store = await openStore(`sqlite:${file}`)
    assert.equal(await store.ping(), true)
    await store.close()
    const reopened = await openStore(`sqlite:${file}`)
    await reopened.close()
    const db = new Database(file, { readonly: true })
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal')
    const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as Array<{ version: number }>
    assert.deepEqual(versions.map((v) => v.version), MIGRATIONS.map((m) => m.version))
    db.close()
  })

  it('applies a new step on the next open, and rolls a failing one back entirely', () => {
    const db = new Database(join(dir, 'steps.db'))
    migrate(db)
    const next = { version: 99, name: 'extra', up: 'CREATE TABLE extra (id INTEGER);' }
    assert.deepEqual(migrate(db, [...MIGRATIONS, next]), [99])
    assert.deepEqual(migrate(db, [...MIGRATIONS, next]), [])
    const broken = { version: 100, name: 'broken', up: 'CREATE TABLE half (id INTEGER); THIS IS NOT SQL;' }
    assert.throws(() => migrate(db, [...MIGRATIONS, next, broken]))
    assert.equal(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get(), undefined)
    assert.equal(db.prepare('SELECT 1 FROM schema_migrations WHERE version = 100').get(), undefined)
    db.close()
  })

  it('refuses a database migrated by a newer build', () => {
    const db = new Database(join(dir, 'newer.db'))
    migrate(db, [...MIGRATIONS, { version: 500, name: 'future', up: 'SELECT 1;' }])
    assert.throws(() => migrate(db), /newer build/)
    db.close()
  })
})
