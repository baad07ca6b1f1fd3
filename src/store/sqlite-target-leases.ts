import type { Database } from 'better-sqlite3'
import type { TargetLeaseStore } from './target-leases.js'

export function sqliteTargetLeases (db: Database): TargetLeaseStore {
  const take = db.prepare<[{ key: string, owner: string, until: number, now: number }], { key: string }>(`INSERT INTO target_leases (key, owner, until)
    VALUES (@key, @owner, @until) ON CONFLICT (key) DO UPDATE SET owner = excluded.owner, until = excluded.until
    WHERE target_leases.until < @now OR target_leases.owner = excluded.owner RETURNING key`)
  const renew = db.prepare('UPDATE target_leases SET until = ? WHERE key = ? AND owner = ?')
  const release = db.prepare('DELETE FROM target_leases WHERE key = ? AND owner = ?')

  // One transaction per call: one commit for all keys, and the keys taken before a held one stay taken.
  const acquireTx = db.transaction((keys: readonly string[], owner: string, now: number, until: number): string | null => {
    for (const key of keys) if (take.get({ key, owner, until, now }) === undefined) return key
    return null
  })
  const renewTx = db.transaction((keys: readonly string[], owner: string, until: number): number =>
    keys.reduce((held, key) => held + renew.run(until, key, owner).changes, 0))
  const releaseTx = db.transaction((keys: readonly string[], owner: string): void => { for (const key of keys) release.run(key, owner) })

  return {
    acquire: async (keys, owner, now, until) => acquireTx(keys, owner, now, until),
    renew: async (keys, owner, until) => renewTx(keys, owner, until),
    release: async (keys, owner) => { releaseTx(keys, owner) }
  }
}
