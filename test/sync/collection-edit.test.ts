import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { placeInCollection, removeFromCollection, type CollectionPosition } from '../../src/sync/collection-edit.js'

const ours = (entries: Record<string, CollectionPosition> = {}): Map<string, CollectionPosition> => new Map(Object.entries(entries))

describe('placing an asset in a collection', () => {
  it('appends without a sort order, and leaves an already placed code where it is', () => {
    assert.deepEqual(placeInCollection({ current: ['f1', 'f2'], ours: ours(), code: 'a', position: null }), { data: ['f1', 'f2', 'a'], changed: true })
    assert.deepEqual(placeInCollection({ current: ['a', 'f1'], ours: ours({ a: null }), code: 'a', position: null }), { data: ['a', 'f1'], changed: false })
  })

  it('puts the asset at its sort order, foreign codes kept in their order', () => {
    assert.deepEqual(placeInCollection({ current: ['f1', 'f2', 'f3'], ours: ours(), code: 'a', position: 2 }).data, ['f1', 'a', 'f2', 'f3'])
    assert.deepEqual(placeInCollection({ current: ['f1', 'f2'], ours: ours(), code: 'a', position: 1 }).data, ['a', 'f1', 'f2'])
  })

  it('appends when the sort order is past the end', () => {
    assert.deepEqual(placeInCollection({ current: ['f1'], ours: ours(), code: 'a', position: 7 }).data, ['f1', 'a'])
    assert.deepEqual(placeInCollection({ current: [], ours: ours(), code: 'a', position: 3 }).data, ['a'])
  })

  it('moves an asset whose sort order changed, and writes nothing when it already sits there', () => {
    const moved = placeInCollection({ current: ['a', 'f1', 'f2'], ours: ours({ a: 1 }), code: 'a', position: 3 })
    assert.deepEqual(moved, { data: ['f1', 'f2', 'a'], changed: true })
    assert.equal(placeInCollection({ current: moved.data, ours: ours({ a: 3 }), code: 'a', position: 3 }).changed, false)
  })

  it('gives the same collection whatever order the assets arrive in', () => {
    const wanted: Array<[string, CollectionPosition]> = [['a', 1], ['b', 2], ['c', null], ['d', 4]]
    const results = new Set<string>()
    for (const order of [[0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2], [2, 0, 3, 1]]) {
      let current = ['f1', 'f2']
      const registry = ours()
      for (const index of order) {
        const [code, position] = wanted[index] as [string, CollectionPosition]
        current = placeInCollection({ current, ours: registry, code, position }).data
        registry.set(code, position)
      }
      results.add(JSON.stringify(current))
    }
    assert.equal(results.size, 1, [...results].join(' | '))
    assert.deepEqual(JSON.parse([...results][0] as string), ['a', 'b', 'f1', 'd', 'f2', 'c'])
  })

  it('orders our positioned assets by sort order around foreign codes', () => {
    let current = ['f1', 'f2']
    current = placeInCollection({ current, ours: ours(), code: 'b', position: 2 }).data
    assert.deepEqual(current, ['f1', 'b', 'f2'])
    current = placeInCollection({ current, ours: ours({ b: 2 }), code: 'a', position: 1 }).data
    assert.deepEqual(current, ['a', 'b', 'f1', 'f2'])
  })

  it('keeps the current order for equal sort orders, a new code after the existing one', () => {
    const result = placeInCollection({ current: ['x', 'f1'], ours: ours({ x: 1 }), code: 'y', position: 1 })
    assert.deepEqual(result.data, ['x', 'y', 'f1'])
  })

  it('does not bring back our codes that were removed by hand', () => {
    const result = placeInCollection({ current: ['f1'], ours: ours({ gone: 1 }), code: 'a', position: 2 })
    assert.deepEqual(result.data, ['f1', 'a'])
  })

  it('drops a duplicate code Akeneo may hold, and says so', () => {
    assert.deepEqual(placeInCollection({ current: ['a', 'f1', 'a'], ours: ours({ a: null }), code: 'a', position: null }), { data: ['a', 'f1'], changed: true })
  })
})

describe('removing an asset from a collection', () => {
  it('removes only codes this service put there', () => {
    assert.deepEqual(removeFromCollection(['f1', 'a', 'f2', 'b'], ours({ a: 1, b: null }), ['a']), { data: ['f1', 'f2', 'b'], changed: true })
    assert.deepEqual(removeFromCollection(['f1', 'a'], new Set(['a']), ['a', 'f1']), { data: ['f1'], changed: true })
  })

  it('leaves a code the registry does not list, even when asked to remove it', () => {
    assert.deepEqual(removeFromCollection(['f1', 'a'], ours(), ['a']), { data: ['f1', 'a'], changed: false })
  })

  it('changes nothing when the code is already gone', () => {
    assert.deepEqual(removeFromCollection(['f1'], ours({ a: 2 }), ['a']), { data: ['f1'], changed: false })
  })
})
