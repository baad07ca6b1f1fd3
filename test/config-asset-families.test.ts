import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ConfigError } from '../src/config/env.js'
import { loadMapping, parseMapping } from '../src/config/mapping-loader.js'

const minimal = 'metaproperty_mappings:\n  product_identifier: akeneo_product_sku\n  asset_type: akeneo_asset_type\n'

function refusal (source: string): string {
  try {
    parseMapping(source, 'm.yml')
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`)
    return error.message
  }
  assert.fail('expected the mapping to be refused')
}

describe('asset family mapping keys', () => {
  it('defaults to keeping Akeneo assets when their Bynder asset is deleted', () => {
    const mapping = parseMapping(minimal, 'm.yml')
    assert.equal(mapping.delete_akeneo_assets_on_bynder_delete, false)
    assert.equal(mapping.asset_family_attribute_mappings, undefined)
  })

  it('reads attribute, locale and channel entries per family', () => {
    const mapping = parseMapping(`${minimal}asset_family_attribute_mappings:
  packshots:
    title: name
    photographer: photographer
asset_family_attribute_locale_mappings:
  packshots:
    title: en_US
    main_media: fr_FR
asset_family_attribute_channel_mappings:
  packshots:
    title: ecommerce
delete_akeneo_assets_on_bynder_delete: true
`, 'm.yml')
    assert.deepEqual(mapping.asset_family_attribute_mappings, { packshots: { title: 'name', photographer: 'photographer' } })
    // The main media attribute is not mapped from Bynder, yet may have a locale entry.
    assert.equal(mapping.asset_family_attribute_locale_mappings?.packshots?.main_media, 'fr_FR')
    assert.equal(mapping.asset_family_attribute_channel_mappings?.packshots?.title, 'ecommerce')
    assert.equal(mapping.delete_akeneo_assets_on_bynder_delete, true)
  })

  it('keeps the committed example loading with the new keys commented out', () => {
    assert.equal(loadMapping('mappings/bynder_attribute_mappings.yml').delete_akeneo_assets_on_bynder_delete, false)
  })

  it('names a family or attribute code Akeneo would refuse, with line and YAML path', () => {
    const message = refusal(`${minimal}asset_family_attribute_mappings:\n  packshot-images:\n    title: name\n  packshots:\n    alt text: description\n`)
    assert.match(message, /m\.yml:6:\d+ at asset_family_attribute_mappings\.packshot-images: "packshot-images" is not an asset family code/)
    assert.match(message, /m\.yml:8:\d+ at asset_family_attribute_mappings\.packshots\.alt text: "alt text" is not an asset attribute code/)
  })

  it('checks locale and channel entries the same way', () => {
    const message = refusal(`${minimal}asset_family_attribute_locale_mappings:\n  packshots:\n    alt.text: en_US\nasset_family_attribute_channel_mappings:\n  pack shots:\n    title: ecommerce\n`)
    assert.match(message, /at asset_family_attribute_locale_mappings\.packshots\.alt\.text: "alt\.text" is not an asset attribute code/)
    assert.match(message, /at asset_family_attribute_channel_mappings\.pack shots: "pack shots" is not an asset family code/)
  })

  it('names wrong shapes and types with their YAML path', () => {
    assert.match(refusal(`${minimal}asset_family_attribute_mappings:\n  packshots: name\n`), /m\.yml:5:\d+ at asset_family_attribute_mappings\.packshots: must be object/)
    assert.match(refusal(`${minimal}asset_family_attribute_mappings:\n  packshots:\n    title: [a, b]\n`), /at asset_family_attribute_mappings\.packshots\.title: must be string/)
    assert.match(refusal(`${minimal}asset_family_attribute_mappings:\n  packshots:\n    title: ''\n`), /at asset_family_attribute_mappings\.packshots\.title: /)
    assert.match(refusal(`${minimal}delete_akeneo_assets_on_bynder_delete: maybe\n`), /at delete_akeneo_assets_on_bynder_delete: must be boolean/)
  })
})
