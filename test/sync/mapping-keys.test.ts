import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { parseMapping } from '../../src/config/mapping-loader.js'

const HEAD = `metaproperty_mappings:
  product_identifier: akeneo_sku
  asset_type: akeneo_type
`

describe('asset_attribute_locale_mappings / asset_attribute_channel_mappings', () => {
  it('are read as attribute => locale and attribute => channel', () => {
    const mapping = parseMapping(`${HEAD}asset_attribute_locale_mappings:
  packshot_image: en_US
asset_attribute_channel_mappings:
  packshot_image: ecommerce
`, 'm.yml')
    assert.deepEqual(mapping.asset_attribute_locale_mappings, { packshot_image: 'en_US' })
    assert.deepEqual(mapping.asset_attribute_channel_mappings, { packshot_image: 'ecommerce' })
  })

  it('are optional', () => {
    const mapping = parseMapping(HEAD, 'm.yml')
    assert.equal(mapping.asset_attribute_locale_mappings, undefined)
    assert.equal(mapping.asset_attribute_channel_mappings, undefined)
  })

  it('refuse a list where one locale is expected, naming the YAML path', () => {
    assert.throws(() => parseMapping(`${HEAD}asset_attribute_locale_mappings:
  packshot_image: [en_US, fr_FR]
`, 'm.yml'), /m\.yml:5:\d+ at asset_attribute_locale_mappings\.packshot_image/)
  })

  it('refuse an empty channel', () => {
    assert.throws(() => parseMapping(`${HEAD}asset_attribute_channel_mappings:
  packshot_image: ""
`, 'm.yml'), /at asset_attribute_channel_mappings\.packshot_image/)
  })

  it('leave the documented example loadable', () => {
    const file = 'mappings/bynder_attribute_mappings.yml'
    assert.doesNotThrow(() => parseMapping(readFileSync(file, 'utf8'), file))
  })
})
