import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { AssetAttributeMeta, AssetFamilyMeta, AssetValuesMapping, ValuesAsset } from '../../src/sync/asset-family-types.js'
import { assetValueData, mediaLinkData, sameAssetData } from '../../src/sync/asset-value-data.js'
import { planAssetValues, type AssetValuesInput } from '../../src/sync/asset-values-planner.js'

const ID = '0E242B12-0609-4310-90F58FD42E051771'
const CODE = 'bynder_0E242B12_0609_4310_90F58FD42E051771'
const WEB = 'https://cdn.example.com/m/abc/webimage-shoe.png'

const attr = (code: string, type: string, extra: Partial<AssetAttributeMeta> = {}): AssetAttributeMeta =>
  ({ code, type, valuePerLocale: false, valuePerChannel: false, ...extra })

function family (main: AssetAttributeMeta, ...others: AssetAttributeMeta[]): AssetFamilyMeta {
  return { code: 'packshots', attributeAsMainMedia: main.code, attributes: new Map([main, ...others].map((a) => [a.code, a])) }
}

const LINK_FAMILY = family(attr('media', 'media_link', { prefix: 'https://cdn.example.com/' }),
  attr('title', 'text'), attr('alt_text', 'text', { valuePerLocale: true }), attr('tags', 'multiple_options'),
  attr('shot_on', 'date'), attr('width', 'number'), attr('approved', 'boolean'), attr('usage', 'single_option', { options: ['web', 'print'] }))

const asset: ValuesAsset = {
  id: ID,
  name: 'Red shoe',
  description: 'A red shoe on white',
  copyright: '© ACME',
  archive: false,
  isPublic: false,
  dateModified: '2026-11-28T10:00:00Z',
  thumbnails: { webimage: WEB, mini: 'https://cdn.example.com/m/abc/mini-shoe.png' },
  properties: { colors: ['red', 'white'], shot_date: ['2026-11-01T00:00:00Z'], width_px: ['1200'], approved: ['Yes'], usage: ['web'] }
}

const mapping: AssetValuesMapping = {
  derivative_to_use: 'webimage',
  asset_family_attribute_mappings: { packshots: { title: 'name', alt_text: 'description', tags: 'colors', shot_on: 'shot_date', width: 'width_px', approved: 'approved', usage: 'usage' } },
  asset_family_attribute_locale_mappings: { packshots: { alt_text: 'en_US' } }
}

const input = (over: Partial<AssetValuesInput> = {}): AssetValuesInput => ({ asset, family: LINK_FAMILY, mapping, current: null, mediaFileCode: null, ...over })

describe('planning an Akeneo asset from a Bynder asset', () => {
  it('creates the asset with a media link (prefix cut) and every mapped attribute', () => {
    const plan = planAssetValues(input())
    assert.equal(plan.code, CODE)
    assert.equal(plan.write, true)
    assert.equal(plan.upload, null)
    assert.deepEqual(plan.problems, [])
    assert.deepEqual(plan.values, {
      media: [{ locale: null, channel: null, data: 'm/abc/webimage-shoe.png' }],
      title: [{ locale: null, channel: null, data: 'Red shoe' }],
      alt_text: [{ locale: 'en_US', channel: null, data: 'A red shoe on white' }],
      tags: [{ locale: null, channel: null, data: ['red', 'white'] }],
      shot_on: [{ locale: null, channel: null, data: '2026-11-01T00:00:00+00:00' }],
      width: [{ locale: null, channel: null, data: '1200' }],
      approved: [{ locale: null, channel: null, data: true }],
      usage: [{ locale: null, channel: null, data: 'web' }]
    })
  })

  it('writes nothing when Akeneo already holds the same values (options as a set, dates as an instant)', () => {
    const first = planAssetValues(input())
    const current = structuredClone(first.values)
    current.tags = [{ locale: null, channel: null, data: ['white', 'red'] }]
    current.shot_on = [{ locale: null, channel: null, data: '2026-11-01T01:00:00+01:00' }]
    // Read answers carry read-only keys; they do not count as a difference.
    current.media = [{ ...current.media![0]!, _links: { download: { href: 'x' } } } as never]
    const again = planAssetValues(input({ current }))
    assert.deepEqual(again.values, {})
    assert.equal(again.write, false)
  })

  it('writes only the value an edit in Bynder changed', () => {
    const current = planAssetValues(input()).values
    const renamed = planAssetValues(input({ asset: { ...asset, name: 'Blue shoe' }, current }))
    assert.deepEqual(renamed.values, { title: [{ locale: null, channel: null, data: 'Blue shoe' }] })
    assert.equal(renamed.write, true)
  })

  it('erases a value whose Bynder source became empty, and ignores one Akeneo does not have either', () => {
    const current = planAssetValues(input()).values
    const emptied = planAssetValues(input({ asset: { ...asset, description: '  ', properties: { ...asset.properties, colors: [] } }, current }))
    assert.deepEqual(emptied.values, { alt_text: [{ locale: 'en_US', channel: null, data: null }], tags: [{ locale: null, channel: null, data: null }] })
    const fresh = planAssetValues(input({ asset: { ...asset, copyright: undefined, description: undefined } }))
    assert.equal(fresh.values.alt_text, undefined)
  })

  it('asks for an upload for a media_file family, then plans its code in the same write', () => {
    const fileFamily = family(attr('main_image', 'media_file'), attr('title', 'text'))
    const withoutCode = planAssetValues(input({ family: fileFamily, mapping: { ...mapping, derivative_to_use: 'original', asset_family_attribute_mappings: { packshots: { title: 'name' } } } }))
    assert.deepEqual(withoutCode.upload, { source: 'original', url: null })
    assert.equal(withoutCode.values.main_image, undefined)
    const withCode = planAssetValues(input({ family: fileFamily, mediaFileCode: '1/2/3/4/1234_shoe.png', mapping: { ...mapping, derivative_to_use: 'original', asset_family_attribute_mappings: { packshots: { title: 'name' } } } }))
    assert.equal(withCode.upload, null)
    assert.deepEqual(withCode.values.main_image, [{ locale: null, channel: null, data: '1/2/3/4/1234_shoe.png' }])
    assert.deepEqual(Object.keys(withCode.values).sort(), ['main_image', 'title'])
  })

  it('uploads the derivative by its URL when derivative_to_use names one', () => {
    const fileFamily = family(attr('main_image', 'media_file'))
    assert.deepEqual(planAssetValues(input({ family: fileFamily })).upload, { source: 'webimage', url: WEB })
  })

  it('refuses a media link to a non-public original, and waits for a derivative not rendered yet', () => {
    const original = planAssetValues(input({ mapping: { ...mapping, derivative_to_use: 'original' } }))
    assert.deepEqual(original.problems.map((p) => p.code), ['original_not_public'])
    assert.match(original.problems[0]!.message, /media_link/)
    assert.equal(original.values.media, undefined)
    assert.ok(original.values.title !== undefined, 'the other attributes are still planned')
    const pending = planAssetValues(input({ mapping: { ...mapping, derivative_to_use: 'Akeneo_1200' } }))
    assert.deepEqual(pending.problems.map((p) => [p.code, p.mappingKey]), [['derivative_missing', 'derivative_to_use']])
  })

  it('links a public original by its URL', () => {
    const plan = planAssetValues(input({ asset: { ...asset, isPublic: true, original: 'https://cdn.example.com/m/abc/original/shoe.png' }, mapping: { ...mapping, derivative_to_use: 'original' } }))
    assert.deepEqual(plan.values.media, [{ locale: null, channel: null, data: 'm/abc/original/shoe.png' }])
  })

  it('refuses a URL that does not fit the media link prefix', () => {
    const other = family(attr('media', 'media_link', { prefix: 'https://assets.example.org/' }))
    const plan = planAssetValues(input({ family: other, mapping: { derivative_to_use: 'webimage' } }))
    assert.deepEqual(plan.problems.map((p) => p.code), ['invalid_value'])
    assert.match(plan.problems[0]!.message, /prefix "https:\/\/assets\.example\.org\/"/)
  })

  it('names the mapping key for a missing locale or channel, an unknown attribute and a mapped main media', () => {
    const scoped = family(attr('media', 'media_link'), attr('title', 'text', { valuePerChannel: true }), attr('alt_text', 'text', { valuePerLocale: true }))
    const plan = planAssetValues(input({
      family: scoped,
      mapping: { derivative_to_use: 'webimage', asset_family_attribute_mappings: { packshots: { title: 'name', alt_text: 'description', caption: 'name', media: 'name' } } }
    }))
    assert.deepEqual(plan.problems.map((p) => [p.code, p.mappingKey]), [
      ['channel_required', 'asset_family_attribute_channel_mappings.packshots.title'],
      ['locale_required', 'asset_family_attribute_locale_mappings.packshots.alt_text'],
      ['asset_attribute_missing', 'asset_family_attribute_mappings.packshots.caption'],
      ['main_media_mapped', 'asset_family_attribute_mappings.packshots.media']
    ])
    assert.deepEqual(Object.keys(plan.values), ['media'])
  })

  it('writes a localizable and scopable main media where the mapping says', () => {
    const scoped = family(attr('media', 'media_link', { valuePerLocale: true, valuePerChannel: true }))
    const plan = planAssetValues(input({
      family: scoped,
      mapping: { derivative_to_use: 'webimage', asset_family_attribute_locale_mappings: { packshots: { media: 'en_US' } }, asset_family_attribute_channel_mappings: { packshots: { media: 'ecommerce' } } }
    }))
    assert.deepEqual(plan.values.media, [{ locale: 'en_US', channel: 'ecommerce', data: WEB }])
  })

  it('reports a family without a usable main media', () => {
    const noMain: AssetFamilyMeta = { code: 'packshots', attributeAsMainMedia: null, attributes: new Map() }
    assert.deepEqual(planAssetValues(input({ family: noMain, mapping: { derivative_to_use: 'webimage' } })).problems.map((p) => p.code), ['main_media_missing'])
    const textMain = family(attr('label', 'text'))
    assert.deepEqual(planAssetValues(input({ family: textMain, mapping: { derivative_to_use: 'webimage' } })).problems.map((p) => p.code), ['main_media_unsupported'])
  })

  it('plans nothing for a Bynder id that cannot become a code', () => {
    const plan = planAssetValues(input({ asset: { ...asset, id: 'a_b' } }))
    assert.deepEqual([plan.code, plan.write, plan.problems.map((p) => p.code)], [undefined, false, ['invalid_bynder_id']])
  })
})

describe('asset value data', () => {
  it('converts by attribute type and refuses what Akeneo would', () => {
    assert.deepEqual(assetValueData(attr('t', 'text'), ['a', 'b']), { ok: true, data: 'a, b' })
    assert.deepEqual(assetValueData(attr('n', 'number'), ['12.5']), { ok: true, data: '12.5' })
    assert.equal(assetValueData(attr('n', 'number'), ['twelve']).ok, false)
    assert.equal(assetValueData(attr('n', 'number'), ['1', '2']).ok, false)
    assert.deepEqual(assetValueData(attr('b', 'boolean'), ['0']), { ok: true, data: false })
    assert.equal(assetValueData(attr('b', 'boolean'), ['maybe']).ok, false)
    assert.equal(assetValueData(attr('d', 'date'), ['soon']).ok, false)
    assert.equal(assetValueData(attr('o', 'single_option'), ['two words']).ok, false)
    assert.equal(assetValueData(attr('o', 'single_option', { options: ['web'] }), ['print']).ok, false)
    assert.deepEqual(assetValueData(attr('o', 'multiple_options'), ['a', 'a', 'b']), { ok: true, data: ['a', 'b'] })
    const file = assetValueData(attr('f', 'media_file'), ['x'])
    assert.ok(!file.ok && file.unsupported === true && /media_file cannot take a Bynder value/.test(file.reason))
    assert.equal(assetValueData(attr('r', 'record'), ['x']).ok, false)
  })

  it('cuts a media link prefix and suffix, refusing a URL that does not fit', () => {
    assert.deepEqual(mediaLinkData({ prefix: 'https://x/', suffix: '?dl=1' }, 'https://x/a.png?dl=1'), { ok: true, data: 'a.png' })
    assert.deepEqual(mediaLinkData({ prefix: null, suffix: null }, 'https://x/a.png'), { ok: true, data: 'https://x/a.png' })
    assert.equal(mediaLinkData({ prefix: 'https://x/', suffix: null }, 'https://y/a.png').ok, false)
    assert.equal(mediaLinkData({ prefix: 'https://x/', suffix: '.png' }, 'https://x/.png').ok, true)
    assert.equal(mediaLinkData({ prefix: 'ab', suffix: 'bc' }, 'abc').ok, false)
  })

  it('compares data as Akeneo would', () => {
    assert.ok(sameAssetData('multiple_options', ['a', 'b'], ['b', 'a']))
    assert.ok(!sameAssetData('multiple_options', ['a'], ['a', 'b']))
    assert.ok(sameAssetData('number', '12.50', 12.5))
    assert.ok(sameAssetData('text', null, undefined))
    assert.ok(!sameAssetData('text', '', null))
    assert.ok(!sameAssetData('text', 'a', 'A'))
  })
})
