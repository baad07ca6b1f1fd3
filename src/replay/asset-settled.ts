import type { AkeneoAttribute } from '../clients/akeneo/index.js'
import type { Asset, BynderClient } from '../clients/bynder/index.js'
import { planAssetLinks, type LinkDeps } from '../handlers/asset-handler.js'
import { collectionSlotKey, type CollectionPlacementRecord } from '../store/collection-registry.js'
import type { LinkRecord } from '../store/link-registry.js'
import type { CollectionLink } from '../sync/collection-links.js'
import type { AttributeLookup } from '../sync/link-plan-types.js'
import { linkKey, PROBLEM_KIND, type LinkPlan } from '../sync/link-planner.js'

/**
 * Plans listed assets the way the asset handler does, for one run. Attribute metadata is
 * kept for the whole run — missing attributes too, which the client's cache does not keep —
 * so planning thousands of assets costs Akeneo a handful of calls, not one per asset.
 */
export function listedAssetPlanner (deps: Pick<LinkDeps, 'akeneo' | 'mapping'>, bynder: BynderClient): (asset: Asset) => Promise<LinkPlan & { collections: CollectionLink[] }> {
  const attributes = new Map<string, AkeneoAttribute | null>()
  const attributesFor = async (codes: string[]): Promise<AttributeLookup> => {
    const missing = codes.filter((code) => !attributes.has(code))
    if (missing.length > 0) {
      const found = await deps.akeneo.getAttributes(missing)
      for (const code of missing) attributes.set(code, found.get(code) ?? null)
    }
    return (code) => attributes.get(code) ?? undefined
  }
  return async (asset) => await planAssetLinks(asset, deps.mapping, bynder, attributesFor)
}

/**
 * True when handling the listed asset would change nothing, judged without any call: every
 * registry row was written (or verified) from this very `dateModified`, none is waiting for
 * its product, and the plan from the listed data names exactly the registered slots, with
 * the same source and write kind (and URL, for URL links). An asset that plans no link and
 * has none registered is settled too. A plan that waits on Bynder (a derivative not
 * rendered yet) is not: its task retries until the derivative is there. Asset collections
 * the same way from the collection registry: every placement the plan names is there, from
 * this `dateModified`, for the same family and sort order, none waiting, and none is left that the plan
 * no longer names (that one is still to be removed).
 */
export function isAssetSettled (asset: Pick<Asset, 'dateModified'>, plan: LinkPlan & { collections?: readonly CollectionLink[] }, rows: readonly LinkRecord[],
  placements: readonly CollectionPlacementRecord[] = []): boolean {
  if (plan.problems.some((problem) => PROBLEM_KIND[problem.code] === 'transient')) return false
  if (!collectionsSettled(asset, plan.collections ?? [], placements)) return false
  if (rows.some((row) => row.status !== 'linked' || row.assetDateModified !== asset.dateModified)) return false
  if (plan.links.length !== rows.length) return false
  const wanted = new Map(plan.links.map((link) => [linkKey(link), link]))
  return rows.every((row) => {
    const link = wanted.get(row.slotKey)
    return link !== undefined && link.source === row.source && link.write === row.writeKind && (link.write !== 'url' || link.url === row.value)
  })
}

function collectionsSettled (asset: Pick<Asset, 'dateModified'>, planned: readonly CollectionLink[], placements: readonly CollectionPlacementRecord[]): boolean {
  const wanted = new Map(planned.map((link) => [collectionSlotKey({ targetType: link.target.type, targetCode: link.target.code, attribute: link.attribute, locale: link.locale, scope: link.scope }), link]))
  if (wanted.size !== placements.length) return false
  return placements.every((row) => {
    const link = wanted.get(collectionSlotKey(row))
    return link !== undefined && row.status === 'linked' && row.assetDateModified === asset.dateModified && link.family === row.family && link.position === row.position
  })
}
