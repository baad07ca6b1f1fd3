/**
 * What this service last wrote to each Bynder asset, per metaproperty (issue 10). Bynder
 * answers a metaproperty POST with 202 and applies it later, so a read right after our own
 * write may still show the old values: the next complete-set write to that asset merges with
 * this record instead of trusting the read. Reached as `store.assetWrites`, so it holds across
 * processes and replicas sharing the store.
 *
 * `record` is a compare-and-set on the asset's revision: two writers that planned from the
 * same revision cannot both record — the second gets `false`, reads again and re-plans, so
 * neither posts a set that drops the other's values.
 */
export interface AssetWriteEntry {
  metapropertyId: string
  /** Option ids (select-like) or the text, exactly as posted. */
  value: string[] | string
  writtenAt: number
}

export interface AssetWriteState {
  /** 0 = nothing recorded for this asset. */
  revision: number
  entries: AssetWriteEntry[]
}

export interface AssetWriteLog {
  get: (credentialCode: string, assetId: string) => Promise<AssetWriteState>
  /**
   * Records the values about to be posted (merged per metaproperty: entries of other
   * metaproperties stay) when the asset's revision is still `expectedRevision`, and bumps it.
   * `false`: another writer recorded first; nothing was changed.
   */
  record: (credentialCode: string, assetId: string, expectedRevision: number, values: Record<string, string[] | string>, now: number) => Promise<boolean>
  /** Drops entries written before `olderThan` (Bynder shows them by then); returns how many. */
  prune: (olderThan: number) => Promise<number>
}
