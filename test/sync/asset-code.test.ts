import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { assetCodeFor, bynderIdFromAssetCode, isAkeneoAssetCode } from '../../src/sync/asset-code.js'

describe('asset code for a Bynder id', () => {
  const ids = ['0E242B12-0609-4310-90F58FD42E051771', '6A3B8E4C-1F2D-4C5B-9A8E7D6C5B4A3F21', 'abc', 'a1-b2-c3', '0e242b12-0609-4310-90f58fd42e051771']

  it('is bynder_ + the id with dashes as underscores, case kept', () => {
    assert.equal(assetCodeFor('0E242B12-0609-4310-90F58FD42E051771'), 'bynder_0E242B12_0609_4310_90F58FD42E051771')
    assert.equal(assetCodeFor('abc'), 'bynder_abc')
  })

  it('round-trips and is always a valid Akeneo asset code', () => {
    for (const id of ids) {
      const code = assetCodeFor(id)
      assert.ok(code !== undefined && isAkeneoAssetCode(code), `${id} → ${String(code)}`)
      assert.equal(bynderIdFromAssetCode(code), id)
    }
  })

  it('is stable: the same id always gives the same code, different ids different codes', () => {
    assert.equal(assetCodeFor(ids[0] as string), assetCodeFor(ids[0] as string))
    assert.equal(new Set(ids.map(assetCodeFor)).size, ids.length)
  })

  it('gives no code for an id that could not be mapped back', () => {
    for (const id of ['', 'a_b', 'a--b', '-a', 'a-', 'a b', 'ä', 'a/b']) assert.equal(assetCodeFor(id), undefined, JSON.stringify(id))
  })

  it('recognises only codes it made', () => {
    for (const code of ['packshot_1', 'Bynder_abc', 'bynder_', 'bynder__abc', 'bynder_abc_', 'bynder_a__b', 'xbynder_abc']) {
      assert.equal(bynderIdFromAssetCode(code), undefined, code)
    }
  })

  it('checks Akeneo asset codes: letters, digits and underscores', () => {
    assert.ok(isAkeneoAssetCode('Packshot_01'))
    for (const code of ['', 'a-b', 'a b', 'a.b', 'é']) assert.equal(isAkeneoAssetCode(code), false, code)
  })
})
