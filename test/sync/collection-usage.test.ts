import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { assetCodeFor } from '../../src/sync/asset-code.js'
import { placeInCollection, type CollectionPosition } from '../../src/sync/collection-edit.js'
import { assetsInCollection, assetsInCollectionValue, reportedSortOrder } from '../../src/sync/collection-usage.js'

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
