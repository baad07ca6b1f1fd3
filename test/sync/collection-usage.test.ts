import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { indexMetaproperties, type Metaproperty } from '../../src/clients/bynder/metaproperties.js'
import { assetCodeFor } from '../../src/sync/asset-code.js'
import { assetUsages } from '../../src/sync/asset-reference.js'
import { placeInCollection, type CollectionPosition } from '../../src/sync/collection-edit.js'
import {
  assetsInCollection, assetsInCollectionValue, collectionUsages, reportedSortOrder, type CollectionUsageMapping
} from '../../src/sync/collection-usage.js'
import { planUsage } from '../../src/sync/usage-planner.js'
import type { UsageMapping, UsageSlot } from '../../src/sync/usage-slots.js'

const ID_A = '0E242B12-0609-4310-90F58FD42E051771'
const ID_B = '6A3B8E4C-1F2D-4C5B-9A8E7D6C5B4A3F21'
const A = assetCodeFor(ID_A) as string
const B = assetCodeFor(ID_B) as string

describe('Bynder assets held by a collection', () => {
  it('recognises the codes this service makes, with the sort order of their position', () => {
    assert.deepEqual(assetsInCollection(['packshot_1', A, 'other', B]), [
      { bynderId: ID_A, code: A, sortOrder: 2 },
      { bynderId: ID_B, code: B, sortOrder: 4 }
    ])
  })

  it('skips foreign codes, repeats and data that is not a list of codes', () => {
    assert.deepEqual(assetsInCollection(['x', 'bynder__bad', A, A]).map((a) => a.sortOrder), [3])
    assert.deepEqual(assetsInCollection(null), [])
    assert.deepEqual(assetsInCollection('bynder_abc'), [])
    assert.deepEqual(assetsInCollection([42, A]).map((a) => a.bynderId), [ID_A])
  })

  it('reads the value of the mapped locale and scope only', () => {
    const values = [
      { locale: 'en_US', scope: 'ecommerce', data: [A] },
      { locale: 'fr_FR', scope: 'ecommerce', data: [B] }
    ]
    assert.deepEqual(assetsInCollectionValue(values, 'fr_FR', 'ecommerce').map((a) => a.bynderId), [ID_B])
    assert.deepEqual(assetsInCollectionValue(values, null, null), [])
    assert.deepEqual(assetsInCollectionValue(undefined, null, null), [])
  })

  it('reports a sort order that places the asset back where it is', () => {
    const current = ['f1', 'f2', A]
    const [found] = assetsInCollection(current)
    assert.ok(found !== undefined)
    const position = reportedSortOrder(current, new Map(), found)
    assert.equal(position, 3)
    assert.equal(placeInCollection({ current, ours: new Map(), code: A, position }).changed, false)
  })

  it('keeps the recorded sort order when the asset still sits where this service put it', () => {
    const ours = new Map<string, CollectionPosition>([[A, 5]])
    const current = placeInCollection({ current: ['f1'], ours, code: A, position: 5 }).data
    assert.deepEqual(current, ['f1', A])
    assert.equal(reportedSortOrder(current, ours, assetsInCollection(current)[0]!), 5)
    assert.equal(reportedSortOrder([A, 'f1'], new Map([[A, null]]), assetsInCollection([A, 'f1'])[0]!), null)
  })

  it('reports the new position of an asset moved by hand', () => {
    const ours = new Map<string, CollectionPosition>([[A, 1]])
    const moved = ['f1', 'f2', A]
    assert.equal(reportedSortOrder(moved, ours, assetsInCollection(moved)[0]!), 3)
  })
})

describe('collection values in update-properties', () => {
  const MAPPING: UsageMapping & CollectionUsageMapping = {
    metaproperty_mappings: { product_identifier: 'sku', asset_type: 'type', sort_order: 'sort' },
    asset_type_metaproperty_options_mappings: { packshots: 'Packshots', application_image_1: 'application' },
    // The same sort-order metaproperty as the collection: a sortable entry must not be taken for it.
    sortable_asset_type_metaproperty_mappings: { application_image_1: 'sort' },
    asset_attribute_locale_mappings: { manuals: 'en_US' }
  }
  const collection = (data: unknown, extra: Partial<UsageSlot> = {}): UsageSlot =>
    ({ attribute: 'packshots', locale: null, scope: null, data, assetTypeOption: 'Packshots', sortOrder: null, sortMetaproperty: null, ...extra })
  const metaproperty = (name: string, type: string, isMultiselect: boolean, options: string[] = []): Metaproperty => ({
    id: `id-${name}`, name, label: name, type, isMultiselect, isApiField: true, isRequired: false,
    options: options.map((option) => ({ id: `opt-${option}`, name: option, label: option, labels: {}, active: true }))
  })
  const METAPROPERTIES = indexMetaproperties([
    metaproperty('sku', 'autocomplete', true), metaproperty('type', 'select', false, ['Packshots', 'application']), metaproperty('sort', 'text', false)
  ]).byName

  it('gives each Bynder asset of the value a slot of its own: its code, its position as sort order, the sort_order metaproperty', () => {
    const usages = collectionUsages(collection(['f1', A, B]), MAPPING, new Map())
    assert.deepEqual(usages.map(({ slot, reference }) => [slot.data, slot.sortOrder, slot.sortMetaproperty, slot.inCollection, reference]), [
      [A, 2, 'sort', true, { assetId: ID_A, credentialCode: null, via: 'asset_code' }],
      [B, 3, 'sort', true, { assetId: ID_B, credentialCode: null, via: 'asset_code' }]
    ])
  })

  it('keeps a recorded position that still holds, and reads only the locale the asset is linked into', () => {
    const ours = new Map<string, CollectionPosition>([[A, 5]])
    assert.deepEqual(collectionUsages(collection(['f1', A]), MAPPING, ours).map((u) => u.slot.sortOrder), [5])
    const localized = (locale: string): UsageSlot => collection([A], { attribute: 'manuals', locale })
    assert.equal(collectionUsages(localized('en_US'), MAPPING, new Map()).length, 1)
    assert.equal(collectionUsages(localized('fr_FR'), MAPPING, new Map()).length, 0)
    assert.equal(collectionUsages(collection([A], { scope: 'print' }), MAPPING, new Map()).length, 0, 'no channel mapped for it')
  })

  it('assetUsages: a media file refers to one asset, a collection to each of its Bynder assets', () => {
    const mediaId = '11111111-2222-3333-4444555566667777'
    const usages = assetUsages([collection([B]), collection(`https://x.bynder.com/m/${mediaId}/a.jpg`, { attribute: 'image_url' })], [], MAPPING, () => new Map())
    assert.deepEqual(usages.map((u) => [u.slot.attribute, u.reference.assetId, u.reference.via]), [['packshots', ID_B, 'asset_code'], ['image_url', mediaId, 'media_id']])
  })

  it('plans the identifier, the type of the collection attribute and the sort order through metaproperty_mappings.sort_order', () => {
    const [usage] = collectionUsages(collection([A]), MAPPING, new Map())
    const plan = (current: Record<string, string[]>, mapping: UsageMapping = MAPPING) =>
      planUsage({ entity: { type: 'product', code: 'mug' }, slot: usage!.slot, current, mapping, metaproperties: METAPROPERTIES })
    assert.deepEqual(plan({}).changes.map((c) => [c.metaproperty, c.kind === 'text' ? c.text : c.options.map((o) => o.name)]), [
      ['sku', ['mug']], ['type', ['Packshots']], ['sort', '1']
    ])
    assert.deepEqual(plan({ sku: ['mug'], type: ['Packshots'], sort: ['1'] }).changes, [], 'already there')
    const noSortOrder = { ...MAPPING, metaproperty_mappings: { product_identifier: 'sku', asset_type: 'type' } }
    assert.deepEqual(plan({ sku: ['mug'], type: ['Packshots'] }, noSortOrder).changes, [], 'sort_order not mapped: no sort order written')
    const missing = planUsage({ entity: { type: 'product', code: 'mug' }, slot: usage!.slot, current: {}, mapping: MAPPING, metaproperties: new Map([...METAPROPERTIES].filter(([name]) => name !== 'sort')) })
    assert.deepEqual(missing.problems.map((p) => p.mappingKey), ['metaproperty_mappings.sort_order'])
  })
})
