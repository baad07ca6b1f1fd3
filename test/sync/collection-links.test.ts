import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { planCollectionLinks, type CollectionAttributeMeta } from '../../src/sync/collection-links.js'
import { planLinks, targetsOf, type LinkMapping, type PlannableAsset } from '../../src/sync/link-planner.js'

const mapping: LinkMapping = {
  metaproperty_mappings: { product_identifier: 'sku', product_model_code: 'model', asset_type: 'type', sort_order: 'sort' },
  asset_type_metaproperty_options_mappings: { packshots_collection: 'Packshot' },
  asset_attribute_locale_mappings: { local_collection: 'en_US' },
  derivative_to_use: 'original',
  asset_unlink_after_archiving: true
}
const attributes = new Map<string, CollectionAttributeMeta>([
  ['packshots_collection', { code: 'packshots_collection', type: 'pim_catalog_asset_collection', localizable: false, scopable: false, reference_data_name: 'packshots' }],
  ['local_collection', { code: 'local_collection', type: 'pim_catalog_asset_collection', localizable: true, scopable: false, reference_data_name: 'packshots' }],
  ['scoped_collection', { code: 'scoped_collection', type: 'pim_catalog_asset_collection', localizable: false, scopable: true, reference_data_name: 'packshots' }]
])
const asset = (properties: Record<string, string[]>, archive = false): PlannableAsset =>
  ({ id: 'A-1', archive, isPublic: true, dateModified: '2026-01-01T00:00:00Z', thumbnails: {}, properties: { sku: ['SKU-1'], model: ['M-1'], ...properties } })
const plan = (a: PlannableAsset) => planCollectionLinks(a, mapping, (code) => attributes.get(code), targetsOf(a, mapping))

describe('planCollectionLinks', () => {
  it('puts the asset in the collection of every product and model, at its sort order, through the option mapping', () => {
    const { links, problems } = plan(asset({ type: ['Packshot'], sort: ['2'] }))
    assert.deepEqual(problems, [])
    assert.deepEqual(links.map((l) => `${l.target.type} ${l.target.code} ${l.attribute} ${l.family} ${String(l.position)}`),
      ['product SKU-1 packshots_collection packshots 2', 'product_model M-1 packshots_collection packshots 2'])
  })

  it('no sort order appends; a localizable collection takes its mapped locale; a scopable one without a channel is a problem', () => {
    assert.equal(plan(asset({ type: ['Packshot'] })).links[0]?.position, null)
    assert.equal(plan(asset({ type: ['local_collection'] })).links[0]?.locale, 'en_US')
    assert.deepEqual(plan(asset({ type: ['scoped_collection'] })).problems.map((p) => p.code), ['channel_required'])
    assert.deepEqual(plan(asset({ type: ['Packshot'], sort: ['first'] })).problems.map((p) => p.code), ['invalid_sort_order'])
  })

  it('archived (with asset_unlink_after_archiving) plans nowhere; planLinks leaves collections to it', () => {
    assert.deepEqual(plan(asset({ type: ['Packshot'] }, true)).links, [])
    assert.deepEqual(planLinks(asset({ type: ['Packshot'] }), mapping, attributes), { links: [], problems: [] })
  })
})
