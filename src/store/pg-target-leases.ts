import type pg from 'pg'
import type { TargetLeaseStore } from './target-leases.js'

/**
 * Target leases on PostgreSQL: each key is its own autocommitted upsert, so nothing is held
 * open between keys or while the lease is held. Two replicas inserting one free key at once
 * are settled by the primary key (the second sees the first's row and its live lease).
 */
export function pgTargetLeases (pool: pg.Pool): TargetLeaseStore {
  return {
    acquire: async (keys, owner, now, until) => {
      for (const key of keys) {
        const taken = await pool.query(`INSERT INTO target_leases (key, owner, until) VALUES ($1, $2, $3)
          ON CONFLICT (key) DO UPDATE SET owner = EXCLUDED.owner, until = EXCLUDED.until
          WHERE target_leases.until < $4 OR target_leases.owner = EXCLUDED.owner RETURNING key`, [key, owner, until, now])
        if (taken.rowCount !== 1) return key
      }
      return null
    },
    renew: async (keys, owner, until) => (await pool.query('UPDATE target_leases SET until = $1 WHERE key = ANY($2::text[]) AND owner = $3',
      [until, [...keys], owner])).rowCount ?? 0,
    release: async (keys, owner) => { await pool.query('DELETE FROM target_leases WHERE key = ANY($1::text[]) AND owner = $2', [[...keys], owner]) }
  }
}
