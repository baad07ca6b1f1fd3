import type { Asset, BynderClient } from '../clients/bynder/index.js'

const second = (ms: number): number => Math.floor(ms / 1000) * 1000

/**
 * Assets modified since `since` (inclusive, to the second), oldest first, one page at a time.
 *
 * Bynder pages by number only. Walking page numbers over `orderBy=dateModified asc` skips an
 * asset whenever one listed before it is edited during the walk: the edited one moves to
 * the end and everything after it moves up a place, across the page boundary. So every page
 * is a fresh query from the last page's last second (keyset), skipping the ids already
 * yielded in that second. A full page within one second cannot move the bound: that second
 * is then read on its own (`dateModified` = `dateModifiedTo`), and the walk goes on from
 * the next second. An asset edited during the walk may come twice; the inbox coalesces it.
 */
export async function * listModifiedAssets (bynder: Pick<BynderClient, 'listAssets'>, since: Date, archive: boolean, pageSize = 1000): AsyncGenerator<Asset> {
  let bound = second(since.getTime())
  let seen = new Set<string>()
  for (;;) {
    let count = 0
    let last = bound
    let lastIds = new Set<string>()
    for await (const asset of bynder.listAssets({ modifiedAfter: new Date(bound), orderBy: 'dateModified asc', archive, pageSize })) {
      count++
      const parsed = Date.parse(asset.dateModified)
      const at = Number.isNaN(parsed) ? bound : Math.max(second(parsed), bound)
      if (at !== last) {
        last = at
        lastIds = new Set()
      }
      lastIds.add(asset.id)
      if (at !== bound || !seen.has(asset.id)) yield asset
      // Stop before the client asks for page 2: the next page is a new query.
      if (count === pageSize) break
    }
    if (count < pageSize) return
    if (last > bound) {
      bound = last
      seen = lastIds
      continue
    }
    const only = new Date(bound)
    const skip = new Set([...seen, ...lastIds])
    for await (const asset of bynder.listAssets({ modifiedAfter: only, modifiedBefore: only, orderBy: 'dateModified asc', archive, pageSize })) {
      if (!skip.has(asset.id)) yield asset
    }
    bound += 1000
    seen = new Set()
  }
}
