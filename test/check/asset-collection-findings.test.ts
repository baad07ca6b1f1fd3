import assert from 'node:assert/strict'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { addAssetFamily, assetAttribute, assetManagerOf } from '../fakes/akeneo/asset-state.js'
import { seedAssetFamilies } from '../fakes/akeneo/asset-seed.js'
import { ASSET_TYPE_OPTIONS, findLine, LINK_HEAD, startCheckWorld, type CheckWorld } from './check-harness.js'

let world: CheckWorld
beforeEach(async () => {
  world = await startCheckWorld()
  seedAssetFamilies(world.akeneo.state)
})
afterEach(async () => { await world.close() })

/** Packshots land in the packshots_collection asset collection (family packshots, main media a media_link). */
const COLLECTION_HEAD = `${LINK_HEAD}${ASSET_TYPE_OPTIONS}  packshots_collection: Packshot\nderivative_to_use: webimage\n`
const CORRECT = `${COLLECTION_HEAD}asset_family_attribute_mappings:
  packshots:
    title: name
    alt_text: description
    caption: copyright
asset_family_attribute_locale_mappings:
  packshots:
    alt_text: en_US
asset_family_attribute_channel_mappings:
  packshots:
    caption: ecommerce
`
const family = (code: string) => assetManagerOf(world.akeneo.state).families.get(code)!

describe('check: asset collections', () => {
  it('passes a correct collection mapping clean, reading each asset family once', async () => {
    world.akeneo.state.attributes.set('packshots_gallery', { ...world.akeneo.state.attributes.get('packshots_collection')!, code: 'packshots_gallery' })
    world.akeneo.resetCounters()
    const run = await world.check(CORRECT.replace('  packshots_collection: Packshot\n', '  packshots_collection: Packshot\n  packshots_gallery: Packshot\n'))
    assert.equal(run.code, 0, run.stdout)
    assert.deepEqual(run.lines, [])
    assert.equal(run.summary, 'check: 0 errors, 0 warnings')
    const reads = world.akeneo.requests.filter((r) => r.path.startsWith('/api/rest/v1/asset-families')).map((r) => r.path)
    assert.deepEqual(reads.sort(), ['/api/rest/v1/asset-families/packshots', '/api/rest/v1/asset-families/packshots/attributes'])
    assert.equal(world.akeneo.requests.filter((r) => r.path === '/api/rest/v1/channels').length, 1)
  })

  it('refuses a collection whose asset family does not exist (codes are case-sensitive), and a mapped family that does not', async () => {
    world.akeneo.state.attributes.get('packshots_collection')!.reference_data_name = 'Packshots'
    const run = await world.check(CORRECT)
    assert.equal(run.code, 1)
    assert.match(findLine(run, /packshots_collection/),
      /^error {2}\S+:\d+:\d+ at asset_type_metaproperty_options_mappings\.packshots_collection: attribute packshots_collection is an asset collection of family Packshots, which does not exist in Akeneo \(asset family codes are case-sensitive\)$/)
    // packshots itself exists, so its entries are still checked, and pass.
    assert.equal(run.summary, 'check: 1 error, 0 warnings')
    const typo = await world.check(CORRECT.replace('asset_family_attribute_mappings:\n  packshots:', 'asset_family_attribute_mappings:\n  packshot:'))
    assert.match(findLine(typo, /at asset_family_attribute_mappings\.packshot:/), /^error .*: asset family packshot does not exist in Akeneo \(asset family codes are case-sensitive\)$/)
  })

  it('refuses a family without a main media, or whose main media is neither media_link nor media_file', async () => {
    family('packshots').attribute_as_main_media = null
    const none = await world.check(COLLECTION_HEAD)
    assert.match(findLine(none, /main media/), /^error .*at asset_type_metaproperty_options_mappings\.packshots_collection: asset family packshots has no main media attribute \(attribute_as_main_media\)/)
    family('packshots').attribute_as_main_media = 'title'
    const text = await world.check(COLLECTION_HEAD)
    assert.match(findLine(text, /main media/), /^error .*: the main media attribute title of asset family packshots is of type text: only a media_link \(to the Bynder file\) or a media_file \(uploaded\) can take a Bynder asset$/)
    family('packshots').attribute_as_main_media = 'gone'
    const gone = await world.check(COLLECTION_HEAD)
    assert.match(findLine(gone, /main media/), /^error .*: asset family packshots names gone as its main media, and it has no such attribute$/)
    family('packshots').attribute_as_main_media = 'media'
    assert.equal((await world.check(COLLECTION_HEAD)).summary, 'check: 0 errors, 0 warnings')
  })

  it('warns that a media_link main media with a prefix, or with derivative_to_use: original, fits some assets only', async () => {
    family('packshots').attributes.get('media')!.prefix = 'https://cdn.example.com/'
    const prefixed = await world.check(COLLECTION_HEAD)
    assert.equal(prefixed.code, 0, prefixed.stdout)
    assert.match(findLine(prefixed, /prefix/), /^warning .*at asset_type_metaproperty_options_mappings\.packshots_collection: the main media attribute media of asset family packshots is a media_link with prefix "https:\/\/cdn\.example\.com\/" and suffix "", which Akeneo adds to the value: only assets whose URL \(derivative_to_use: webimage\) starts and ends with them are written$/)
    family('packshots').attributes.get('media')!.prefix = null
    const original = await world.check(COLLECTION_HEAD.replace('derivative_to_use: webimage\n', ''))
    assert.match(findLine(original, /packshots_collection:/), /^warning .*is a media_link, and with derivative_to_use: original only public assets have a URL that lasts/)
    // A media_file main media takes the original's bytes: nothing to warn about.
    world.akeneo.state.attributes.get('packshots_collection')!.reference_data_name = 'manuals'
    const file = await world.check(COLLECTION_HEAD.replace('derivative_to_use: webimage\n', ''))
    assert.equal(file.lines.filter((line) => /packshots_collection/.test(line)).length, 0, file.stdout)
  })

  it('refuses asset attribute entries the family does not have, its main media, and types that take no Bynder value', async () => {
    family('packshots').attributes.set('spec_sheet', assetAttribute('spec_sheet', 'media_file'))
    const run = await world.check(`${COLLECTION_HEAD}asset_family_attribute_mappings:\n  packshots:\n    title: name\n    photographer: copyright\n    media: name\n    spec_sheet: description\n`)
    assert.equal(run.code, 1)
    assert.match(findLine(run, /\.photographer:/), /^error {2}\S+:\d+:\d+ at asset_family_attribute_mappings\.packshots\.photographer: asset family packshots has no attribute photographer \(its attributes: media, title, alt_text, caption, usage, colors, spec_sheet\)$/)
    assert.match(findLine(run, /\.media:/), /: media is the main media of asset family packshots, written from the Bynder file; it cannot be mapped$/)
    assert.match(findLine(run, /\.spec_sheet:/), /: attribute spec_sheet of asset family packshots is of type media_file, which cannot take a Bynder value \(supported: text, media_link, number, boolean, date, single_option, multiple_options\)$/)
    assert.equal(run.summary, 'check: 3 errors, 0 warnings')
  })

  it('asks for the locale / channel of per-locale / per-channel asset attributes, checks they exist, and warns about unused entries', async () => {
    const missing = await world.check(`${COLLECTION_HEAD}asset_family_attribute_mappings:\n  packshots:\n    alt_text: description\n    caption: copyright\n`)
    assert.match(findLine(missing, /value per locale/), /^error .*at asset_family_attribute_mappings\.packshots\.alt_text: attribute alt_text of asset family packshots has a value per locale: say which locale with asset_family_attribute_locale_mappings\.packshots\.alt_text$/)
    assert.match(findLine(missing, /value per channel/), /^error .*at asset_family_attribute_mappings\.packshots\.caption: .* say which channel with asset_family_attribute_channel_mappings\.packshots\.caption$/)

    const unknown = await world.check(CORRECT.replace('alt_text: en_US', 'alt_text: xx_XX').replace('caption: ecommerce', 'caption: mobile'))
    assert.match(findLine(unknown, /xx_XX/), /^error .*at asset_family_attribute_locale_mappings\.packshots\.alt_text: locale xx_XX is not activated in Akeneo \(activated: de_DE, en_US, fr_FR\)$/)
    assert.match(findLine(unknown, /mobile/), /^error .*at asset_family_attribute_channel_mappings\.packshots\.caption: channel mobile does not exist in Akeneo \(channels: ecommerce, print\)$/)
    assert.equal(unknown.summary, 'check: 2 errors, 0 warnings')

    const unused = await world.check(`${CORRECT}`.replace('    alt_text: en_US\n', '    alt_text: en_US\n    title: en_US\n    subtitle: en_US\n'))
    assert.match(findLine(unused, /\.title:/), /^warning .*at asset_family_attribute_locale_mappings\.packshots\.title: attribute title of asset family packshots has no value per locale \(value_per_locale is false\); this entry is not used$/)
    assert.match(findLine(unused, /\.subtitle:/), /^warning .*: asset family packshots has no attribute subtitle; this entry is not used$/)
    assert.equal(unused.summary, 'check: 0 errors, 2 warnings')
  })

  it('refuses an asset attribute source that is neither a Bynder metaproperty nor the asset\'s name, description or copyright', async () => {
    const run = await world.check(`${COLLECTION_HEAD}asset_family_attribute_mappings:\n  packshots:\n    title: name\n    colors: colors\n    usage: photo_usage\n`)
    assert.match(findLine(run, /\.usage:/), /^error .*at asset_family_attribute_mappings\.packshots\.usage: metaproperty "photo_usage" does not exist in Bynder \(credential bynder\)$/)
    assert.equal(run.summary, 'check: 1 error, 0 warnings', run.stdout)
  })

  it('asks for the locale / channel of a per-locale main media', async () => {
    addAssetFamily(world.akeneo.state, 'lookbook', 'image', [assetAttribute('image', 'media_link', { value_per_locale: true })])
    world.akeneo.state.attributes.get('packshots_collection')!.reference_data_name = 'lookbook'
    const missing = await world.check(COLLECTION_HEAD)
    assert.match(findLine(missing, /value per locale/), /^error .*at asset_type_metaproperty_options_mappings\.packshots_collection: attribute image of asset family lookbook has a value per locale: say which locale with asset_family_attribute_locale_mappings\.lookbook\.image$/)
    const fixed = await world.check(`${COLLECTION_HEAD}asset_family_attribute_locale_mappings:\n  lookbook:\n    image: fr_FR\n`)
    assert.equal(fixed.summary, 'check: 0 errors, 0 warnings', fixed.stdout)
  })
})
