import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, afterEach, describe } from 'node:test'
import { openStore } from '../../src/store/open-store.js'
import type { Store } from '../../src/store/store.js'
import { createTestDatabase, type TestDatabase } from '../helpers/pg-database.js'

export interface StoreKit {
  kind: 'sqlite' | 'postgres'
  /** A fresh, empty store. */
  open: () => Promise<Store>
  /** Two stores (two connections; on PostgreSQL two pools, as two replicas have) on one fresh database. */
  openTwo: () => Promise<[Store, Store]>
}

let database: Promise<TestDatabase> | undefined
let dir: string | undefined
const opened: Store[] = []

// Each test's stores close after it: the PostgreSQL server's connections are shared with every other test file running.
const closeOpened = async (): Promise<void> => { await Promise.all(opened.splice(0).map(async (store) => { await store.close() })) }
afterEach(closeOpened)

after(async () => {
  await closeOpened()
  if (database !== undefined) await (await database).drop()
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true })
})

const track = (store: Store): Store => { opened.push(store); return store }

function sqliteKit (): StoreKit {
  let files = 0
  return {
    kind: 'sqlite',
    open: async () => track(await openStore('sqlite::memory:')),
    openTwo: async () => {
      dir ??= mkdtempSync(join(tmpdir(), 'connector-store-'))
      const url = `sqlite:${join(dir, `shared-${++files}.db`)}`
      return [track(await openStore(url)), track(await openStore(url))]
    }
  }
}

/** One database per test process (dropped at its end); one schema per store, so tests start empty. */
function postgresKit (): StoreKit {
  const place = async (): Promise<string> => await (await (database ??= createTestDatabase())).freshSchema()
  return {
    kind: 'postgres',
    open: async () => track(await openStore(await place())),
    openTwo: async () => {
      const url = await place()
      return [track(await openStore(url)), track(await openStore(url))]
    }
  }
}

/** The same tests against both stores: `describe('<name> (SQLite)')` and `describe('<name> (PostgreSQL)')`. */
export function describeStore (name: string, body: (kit: StoreKit) => void): void {
  describe(`${name} (SQLite)`, () => { body(sqliteKit()) })
  describe(`${name} (PostgreSQL)`, () => { body(postgresKit()) })
}
