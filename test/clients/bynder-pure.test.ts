import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { assetsApi } from '../../src/clients/bynder/assets.js'
import type { BynderHttp } from '../../src/clients/bynder/http.js'
import { jsonArrayItems } from '../../src/clients/bynder/json-items.js'
import { releaseBytes } from '../../src/clients/release-bytes.js'
import { UpstreamError } from '../../src/clients/upstream-error.js'
import { assetProperty, buildMetapropertyForm, formatBynderDate, InvalidAssetError, normalizeAsset, sanitizeOptionName } from '../../src/clients/bynder/index.js'

describe('formatBynderDate', () => {
  it('formats ISO 8601 to the second, dropping milliseconds (Bynder rejects them)', () => {
    assert.equal(formatBynderDate(new Date('2026-05-01T10:00:00.999Z')), '2026-05-01T10:00:00Z')
    assert.equal(formatBynderDate(new Date(Date.UTC(2026, 0, 2, 3, 4, 5))), '2026-01-02T03:04:05Z')
    assert.throws(() => formatBynderDate(new Date('nope')), RangeError)
  })
})

describe('sanitizeOptionName', () => {
  it('turns spaces and symbols into _, one per character, keeping case, digits and _', () => {
    assert.equal(sanitizeOptionName('SKU-1001'), 'SKU_1001')
    assert.equal(sanitizeOptionName('Men shirt 42/L'), 'Men_shirt_42_L')
    assert.equal(sanitizeOptionName('a--b'), 'a__b')
    assert.equal(sanitizeOptionName('café'), 'caf_')
    assert.equal(sanitizeOptionName('already_OK_1'), 'already_OK_1')
  })
})

const raw = {
  id: '0E242B12-0609-4310-90F58FD42E051771',
  idHash: 'a1b2c3',
  name: 'shirt',
  type: 'image',
  dateCreated: '2026-04-01T08:00:00Z',
  dateModified: '2026-04-02T08:00:00Z',
  extension: ['jpg'],
  archive: 0,
  isPublic: 1,
  limited: false,
  watermarked: '1',
  thumbnails: { mini: 'https://x/m/a1/mini.png', webimage: 'https://x/m/a1/web.png', transformBaseUrl: null },
  original: 'https://x/m/a1/original/shirt.jpg',
  property_akeneo_product_sku: ['SKU_1001', 'SKU_1002'],
  property_akeneo_sort_order: '3',
  property_empty_list: [],
  property_empty_text: ''
}

describe('normalizeAsset', () => {
  it('turns 0/1 and "1" into booleans and every property_* into an array of strings', () => {
    const a = normalizeAsset(raw)
    assert.deepEqual([a.archive, a.isPublic, a.limited, a.watermarked], [false, true, false, true])
    assert.deepEqual(a.properties, { akeneo_product_sku: ['SKU_1001', 'SKU_1002'], akeneo_sort_order: ['3'] })
    assert.deepEqual(assetProperty(a, 'akeneo_sort_order'), ['3'])
    assert.deepEqual(assetProperty(a, 'brand'), [], 'absent means empty')
    assert.deepEqual(a.thumbnails, { mini: 'https://x/m/a1/mini.png', webimage: 'https://x/m/a1/web.png' })
    assert.equal(a.original, 'https://x/m/a1/original/shirt.jpg')
  })

  it('keeps the id exactly as received and accepts a string extension or none', () => {
    const a = normalizeAsset({ ...raw, id: '0e242b12-0609-4310-90f58fd42e051771', extension: 'png', original: undefined })
    assert.equal(a.id, '0e242b12-0609-4310-90f58fd42e051771')
    assert.deepEqual(a.extension, ['png'])
    assert.equal('original' in a, false)
    const { extension: _e, ...noExt } = raw
    assert.deepEqual(normalizeAsset(noExt).extension, [])
  })

  it('rejects an asset without the fields the service acts on', () => {
    const { dateModified: _d, ...broken } = raw
    assert.throws(() => normalizeAsset(broken), InvalidAssetError)
    assert.throws(() => normalizeAsset({ ...raw, id: 12 }), /\/id/)
  })
})

describe('buildMetapropertyForm', () => {
  it('joins option ids into one metaproperty.<id> field and passes text through', () => {
    assert.deepEqual(buildMetapropertyForm({ 'AB-12': ['o1', 'o2'], CD: 'Some, text', EF: [] }), {
      'metaproperty.AB-12': 'o1,o2', 'metaproperty.CD': 'Some, text', 'metaproperty.EF': ''
    })
  })

  it('refuses keys that are not metaproperty ids, so name/description/… cannot slip in', () => {
    assert.throws(() => buildMetapropertyForm({ 'x&name=': ['o'] }), RangeError)
    assert.throws(() => buildMetapropertyForm({ AB: ['a,b'] }), RangeError)
  })
})

describe('jsonArrayItems (list pages parsed item by item)', () => {
  const items = (text: string): unknown[] | undefined => {
    const found = jsonArrayItems(Buffer.from(text))
    return found === undefined ? undefined : [...found]
  }
  it('yields what JSON.parse reads, brackets, commas and escaped quotes inside strings included', () => {
    const samples = [
      '[]', ' [ ] ', '[1]', '[1,2,3]', '\n[ {"a": 1} ,\t{"b": [1, {"c": "]"}]} ]\n', '["a,b", "}{", "\\"]\\\\", "é \\u00e9 😀"]',
      JSON.stringify([{ id: 'A', name: 'shirt "red", [big]', property_sku: ['SKU_1', 'x\\y'] }, null, true, 1.5e3, [[[]]]])
    ]
    for (const sample of samples) assert.deepEqual(items(sample), JSON.parse(sample), sample)
  })
  it('is undefined for a body that is not an array, which the caller parses whole', () => {
    assert.equal(items('{"media": [1, 2]}'), undefined)
    assert.equal(items('  "[1]"'), undefined)
  })
  it('counts the items before parsing any, and parses each only when it is reached', () => {
    const found = jsonArrayItems(Buffer.from('[{"a": 1}, {"b": [2, ","]}, nope]'))!
    assert.equal(found.count, 3)
    const read = found[Symbol.iterator]()
    assert.deepEqual(read.next().value, { a: 1 })
    assert.deepEqual(read.next().value, { b: [2, ','] })
    assert.throws(() => read.next(), SyntaxError)
  })
  it('throws SyntaxError on a malformed array, as JSON.parse would', () => {
    for (const bad of ['[', '[1,', '[1,]', '[,1]', '[1,,2]', '[1}', '[{"a": 1]', '["open]', '[1] x', '[1][2]', '[nope]']) {
      assert.throws(() => items(bad), SyntaxError, bad)
      assert.throws(() => JSON.parse(bad), SyntaxError, bad)
    }
  })
})

describe('list pages read as they are iterated (issue 14: a replay keeps no page of assets)', () => {
  const raw = (id: string): Record<string, unknown> => ({ id, name: id, type: 'image', dateCreated: '2026-01-01T00:00:00Z', dateModified: '2026-01-01T00:00:00Z' })
  const answering = (body: Buffer): BynderHttp => ({
    request: async () => ({ status: 200, body }),
    openStream: async () => { throw new Error('not used') }
  })
  const query = { archive: false, limited: false, page: 1, pageSize: 3 }

  it('gives the page size at once, each asset as it is reached, and a malformed one as an invalid response where it is', async () => {
    const body = Buffer.from(JSON.stringify([raw('A'), raw('B'), { id: 'C' }]))
    const page = await assetsApi(answering(body)).listAssetPage(query)
    assert.equal(page.size, 3)
    const read = page.assets[Symbol.iterator]()
    assert.equal(read.next().value?.id, 'A')
    assert.equal(read.next().value?.id, 'B')
    assert.throws(() => read.next(), (err: unknown) => err instanceof UpstreamError && /Invalid Bynder asset/.test(err.message))
  })
  it('releases the page\'s bytes once its assets are read, and keeps the filter of the query', async () => {
    const body = Buffer.from(JSON.stringify([raw('A'), { ...raw('B'), archive: 1 }, raw('C')]).padEnd(8192))
    const page = await assetsApi(answering(body)).listAssetPage(query)
    assert.deepEqual([...page.assets].map((asset) => asset.id), ['A', 'C'])
    assert.equal(body.byteLength, 0)
  })
})

describe('releaseBytes', () => {
  it('empties a Buffer that is its whole ArrayBuffer', () => {
    const whole = Buffer.alloc(100_000, 1)
    releaseBytes(whole)
    assert.equal(whole.byteLength, 0)
  })
  it('leaves a Buffer that shares its ArrayBuffer (Node\'s pool, a slice) as it is', () => {
    const pooled = Buffer.from('small')
    const sharing = Buffer.from('other')
    const slice = Buffer.alloc(100, 2).subarray(10, 20)
    releaseBytes(pooled)
    releaseBytes(slice)
    assert.equal(pooled.toString(), 'small')
    assert.equal(sharing.toString(), 'other')
    assert.deepEqual([...slice], Array(10).fill(2))
  })
})
