import { loadMapping } from '../../src/config/mapping-loader.js'
import { assetCodeFor } from '../../src/sync/asset-code.js'
import { seedAssetFamilies } from '../fakes/akeneo/asset-seed.js'
import { addAsset } from '../fakes/akeneo/asset-state.js'
import { findProductByIdentifier } from '../fakes/akeneo/state.js'
import type { FakeAsset } from '../fakes/bynder/index.js'
import { startLinkWorld, type LinkWorld } from './link-harness.js'

// A world for update-properties over asset collections: the packshots family seeded, and
// `packshots_collection` a link attribute (asset type option `Packshots`).

const DEFAULT_OPTIONS = loadMapping('mappings/bynder_attribute_mappings.yml').asset_type_metaproperty_options_mappings

export async function withCollectionWorld<T> (fn: (w: LinkWorld) => Promise<T>): Promise<T> {
  const world = await startLinkWorld({ asset_type_metaproperty_options_mappings: { ...DEFAULT_OPTIONS, packshots_collection: 'Packshots' } })
  seedAssetFamilies(world.akeneo.state)
  try { return await fn(world) } finally { await world.close() }
}

/** A Bynder asset and the Akeneo asset this service would have made of it; returns its code. */
export function madeAsset (w: LinkWorld, name: string): { asset: FakeAsset, code: string } {
  const asset = w.asset({ name })
  const code = assetCodeFor(asset.id)!
  addAsset(w.akeneo.state, 'packshots', code)
  return { asset, code }
}

/** Sets a collection by hand, as a PIM user would; returns the product's uuid. Foreign codes become assets of the family. */
export function setCollectionByHand (w: LinkWorld, identifier: string, codes: string[]): string {
  for (const code of codes) if (!code.startsWith('bynder_')) addAsset(w.akeneo.state, 'packshots', code)
  const product = findProductByIdentifier(w.akeneo.state, identifier)!
  product.values.packshots_collection = [{ locale: null, scope: null, data: codes }]
  product.updated = Date.now()
  return product.uuid
}

/** `setCollectionByHand`, then the event Akeneo sends for it, worked off. */
export async function collectionEditedByHand (w: LinkWorld, identifier: string, codes: string[]): Promise<void> {
  await w.productEvent(setCollectionByHand(w, identifier, codes), 'com.akeneo.pim.v1.product.updated')
  await w.settle()
}

export function shown (w: LinkWorld, asset: FakeAsset): Record<string, string[] | string> {
  const result: Record<string, string[] | string> = {}
  for (const [mpId, value] of Object.entries(asset.values)) {
    const mp = w.bynder.state.metaproperties.get(mpId)!
    result[mp.name] = typeof value === 'string' ? value : value.map((id) => mp.options.find((o) => o.id === id)!.name)
  }
  return result
}
