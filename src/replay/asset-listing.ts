import type { Asset, AssetPage, AssetPageQuery, BynderClient } from '../clients/bynder/index.js'

const second = (ms: number): number => Math.floor(ms / 1000) * 1000
const key = (asset: Asset): string => `${asset.id}\n${asset.dateModified}`

/**
 * Assets modified since `since` (to the second), oldest first, one page at a time, in one
 * (archive, limited) pass (see `assetsApi`).
 *
 * Bynder pages by number only. Walking page numbers over `orderBy=dateModified asc` skips an
 * asset whenever one listed before it is edited during the walk: the edited one moves to
 * the end and everything after it moves up a place, across the page boundary. So every page
 * is a fresh query from the last page's last second (keyset). Bynder's `dateModified` is
 * "after" (maybe strictly), so the client overlaps a second and the walk skips what it
 * already yielded by (id, dateModified). A full page within one second cannot move the
 * bound: that second is then read on its own (`dateModified` = `dateModifiedTo`), and the
 * walk goes on from the next second. An asset edited during the walk may come twice; the
 * inbox coalesces it.
 */
export async function * listModifiedAssets (
  bynder: Pick<BynderClient, 'listAssetPage'>, since: Date, pass: { archive: boolean, limited: boolean }, pageSize = 1000
): AsyncGenerator<Asset> {
  let bound = second(since.getTime())
  let seen = new Set<string>()
  const page = (query: Partial<AssetPageQuery>): Promise<AssetPage> =>
    bynder.listAssetPage({ orderBy: 'dateModified asc', ...pass, page: 1, pageSize, modifiedAfter: new Date(bound), ...query })
  for (;;) {
    const { size, assets } = await page({})
    let last = bound
    let lastKeys = new Set<string>()
    for (const asset of assets) {
      const parsed = Date.parse(asset.dateModified)
      const at = Number.isNaN(parsed) ? bound : Math.max(second(parsed), bound)
      if (at !== last) {
        last = at
        lastKeys = new Set()
      }
      lastKeys.add(key(asset))
      if (at !== bound || !seen.has(key(asset))) yield asset
    }
    if (size < pageSize) return
    if (last > bound) {
      bound = last
      seen = lastKeys
      continue
    }
    const only = new Date(bound)
    const skip = new Set([...seen, ...lastKeys])
    for (let n = 1; ; n++) {
      const single = await page({ modifiedBefore: only, page: n })
      for (const asset of single.assets) if (!skip.has(key(asset))) yield asset
      if (single.size < pageSize) break
    }
    bound += 1000
    seen = new Set()
  }
}
