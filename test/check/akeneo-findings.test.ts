import assert from 'node:assert/strict'
import { afterEach, beforeEach, describe, it } from 'node:test'
import type { AttributeType, FakeAttribute } from '../fakes/akeneo/index.js'
import { ASSET_TYPE_OPTIONS, EXAMPLE_MAPPING, findLine, LINK_HEAD, startCheckWorld, type CheckWorld } from './check-harness.js'

let world: CheckWorld
beforeEach(async () => { world = await startCheckWorld() })
afterEach(async () => { await world.close() })

function addAttribute (code: string, type: AttributeType, extra: Partial<FakeAttribute> = {}): void {
  world.akeneo.state.attributes.set(code, { code, type, localizable: false, scopable: false, available_locales: [], allowed_extensions: [], options: [], ...extra })
}
const attribute = (code: string): FakeAttribute => world.akeneo.state.attributes.get(code)!

describe('check: asset-type attributes', () => {
  it('refuses an attribute that does not exist or cannot hold an asset; text attributes take a URL', async () => {
    const mapping = `${LINK_HEAD}${ASSET_TYPE_OPTIONS}  lifestyle_image: application\n  brand: Packshot\n  image_url: Packshot\n`
    const run = await world.check(mapping)
    assert.equal(run.code, 1)
    assert.match(findLine(run, /lifestyle_image/), /^error {2}\S+:9:20 at asset_type_metaproperty_options_mappings\.lifestyle_image: attribute lifestyle_image does not exist in Akeneo$/)
    assert.match(findLine(run, /options_mappings\.brand:/), /^error .*attribute brand: its type pim_catalog_simpleselect cannot hold an asset \(supported: pim_catalog_image, pim_catalog_file, pim_catalog_text, pim_catalog_textarea\)/)
    assert.match(findLine(run, /image_url:/), /^warning .*attribute image_url takes a URL, and with derivative_to_use: original only public assets have one/)
    assert.equal(run.summary, 'check: 2 errors, 1 warning')
    const withDerivative = await world.check(`${mapping}derivative_to_use: webimage\n`)
    assert.equal(withDerivative.summary, 'check: 2 errors, 0 warnings')
  })

  it('counts the slots of a sortable type, looking beyond the first batch, and refuses a missing first slot', async () => {
    for (let n = 1; n <= 25; n++) addAttribute(`zoom_${n}`, 'pim_catalog_image')
    addAttribute('detail_1', 'pim_catalog_image')
    const first = '  application_image_1: akeneo_sort_order\n'
    const run = await world.check(EXAMPLE_MAPPING.replace(first, `${first}  zoom_1: akeneo_sort_order\n  detail_1: akeneo_sort_order\n  gallery_1: akeneo_sort_order\n`))
    assert.equal(run.code, 1, run.stdout)
    assert.match(findLine(run, /application_image_1:/), /^note {2}.* 3 slot attributes exist in Akeneo \(application_image_1 … application_image_3\): sort orders 1 to 3/)
    assert.match(findLine(run, /zoom_1:/), /^note {2}.* 25 slot attributes exist in Akeneo \(zoom_1 … zoom_25\)/)
    assert.match(findLine(run, /detail_1:/), /^warning .*only one slot attribute exists in Akeneo \(detail_1, no detail_2\)/)
    assert.match(findLine(run, /gallery_1:/), /^error .*first slot attribute gallery_1 of this sortable asset type does not exist in Akeneo/)
    assert.equal(run.summary, 'check: 1 error, 1 warning')
  })

  it('asks for a locale and a channel for localizable / scopable slots, and checks the locale against available_locales', async () => {
    Object.assign(attribute('application_image_2'), { localizable: true, scopable: true })
    const missing = await world.check(EXAMPLE_MAPPING)
    assert.equal(missing.code, 1)
    assert.match(findLine(missing, /is localizable/),
      /^error .*at sortable_asset_type_metaproperty_mappings\.application_image_1: attribute application_image_2 is localizable: say which locale to fill with asset_attribute_locale_mappings\.application_image_2 \(or application_image_1, which covers every slot\)/)
    assert.match(findLine(missing, /is scopable/), /asset_attribute_channel_mappings\.application_image_2/)

    attribute('application_image_2').available_locales = ['de_DE', 'fr_FR']
    const settings = 'asset_attribute_locale_mappings:\n  application_image_1: en_US\nasset_attribute_channel_mappings:\n  application_image_2: ecommerce\n'
    const wrongLocale = await world.check(`${EXAMPLE_MAPPING}${settings}`)
    assert.equal(wrongLocale.code, 1)
    assert.match(findLine(wrongLocale, /^error/),
      /at asset_attribute_locale_mappings\.application_image_1: locale en_US is not one of attribute application_image_2's locales \(available_locales: de_DE, fr_FR\)/)
    // application_image_1 is neither localizable nor scopable itself: its own entry is only inherited.
    assert.match(findLine(wrongLocale, /^warning/), /at asset_attribute_locale_mappings\.application_image_1: attribute application_image_1 is not localizable; this entry is not used/)

    const fixed = await world.check(`${EXAMPLE_MAPPING}${settings.replace('application_image_1: en_US', 'application_image_2: fr_FR')}`)
    assert.equal(fixed.code, 0, fixed.stdout)
    assert.equal(fixed.summary, 'check: 0 errors, 0 warnings')
  })

  it('warns about asset-type options read as attribute codes that link nowhere', async () => {
    world.bynder.addOption(world.portal.metaproperties.assetType, { name: 'mood' })
    world.bynder.addOption(world.portal.metaproperties.assetType, { name: 'brand' })
    world.bynder.addOption(world.portal.metaproperties.assetType, { name: 'manual_pdf' })
    const run = await world.check(EXAMPLE_MAPPING)
    assert.equal(run.code, 0, run.stdout)
    const line = findLine(run, /at metaproperty_mappings\.asset_type:/)
    assert.match(line, /^warning .*"akeneo_asset_type" in Bynder \(credential bynder\).* 2 of them cannot take an asset/)
    assert.match(line, /mood \(no such attribute\), brand \(attribute brand: its type pim_catalog_simpleselect cannot hold an asset/)
    assert.doesNotMatch(line, /manual_pdf/)
  })
})

describe('check: enrichment attributes', () => {
  const enrichment = (entries: string, rest = ''): string => `${LINK_HEAD}${ASSET_TYPE_OPTIONS}enrichment_metaproperty_mappings:\n${entries}${rest}`

  it('refuses an attribute that does not exist or whose type cannot be written', async () => {
    const run = await world.check(enrichment('  title: product_name\n  packshot_image: brand\n'))
    assert.match(findLine(run, /\.title:/), /^error {2}\S+:10:10 at enrichment_metaproperty_mappings\.title: attribute title does not exist in Akeneo$/)
    assert.match(findLine(run, /\.packshot_image:/), /^error .*attribute packshot_image is of type pim_catalog_image, which cannot be written to a metaproperty/)
    assert.equal(run.summary, 'check: 2 errors, 0 warnings')
  })

  it('asks for the locale / channel of localizable and scopable attributes and checks the locale', async () => {
    const missing = await world.check(enrichment('  description: product_name\n'))
    assert.equal(missing.code, 1)
    assert.match(findLine(missing, /is localizable/), /^error .*at enrichment_metaproperty_mappings\.description: .*enrichment_metaproperty_locale_mappings\.description/)
    assert.match(findLine(missing, /is scopable/), /^error .*at enrichment_metaproperty_mappings\.description: .*enrichment_metaproperty_channel_mappings\.description/)

    attribute('description').available_locales = ['fr_FR']
    const wrong = await world.check(enrichment('  description: product_name\n  brand: brand\n',
      'enrichment_metaproperty_locale_mappings:\n  description: en_US\n  brand: en_US\nenrichment_metaproperty_channel_mappings:\n  description: ecommerce\n'))
    assert.match(findLine(wrong, /^error/), /at enrichment_metaproperty_locale_mappings\.description: locale en_US is not one of attribute description's locales \(available_locales: fr_FR\)/)
    assert.match(findLine(wrong, /^warning/), /at enrichment_metaproperty_locale_mappings\.brand: attribute brand is not localizable; this entry is not used/)
    assert.equal(wrong.summary, 'check: 1 error, 1 warning')
  })

  it('warns when a multi-value attribute is enriched into a single-select metaproperty', async () => {
    world.bynder.addMetaproperty({ name: 'main_color', type: 'select', isMultiselect: false })
    const run = await world.check(enrichment('  color: main_color\n'))
    assert.equal(run.code, 0, run.stdout)
    assert.match(findLine(run, /color/), /^warning .*at enrichment_metaproperty_mappings\.color: attribute color \(pim_catalog_multiselect\) can hold several values but metaproperty "main_color" is single-select/)
  })
})
