import assert from 'node:assert/strict'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { DEFAULT_FAKE_TOKEN } from '../fakes/bynder/index.js'
import { ASSET_TYPE_OPTIONS, EXAMPLE_MAPPING, findLine, LINK_HEAD, startCheckWorld, type CheckWorld } from './check-harness.js'

let world: CheckWorld
beforeEach(async () => { world = await startCheckWorld() })
afterEach(async () => { await world.close() })

describe('check: a clean mapping', () => {
  it('passes the committed example against the seeded systems, reading only', async () => {
    const run = await world.check(EXAMPLE_MAPPING)
    assert.equal(run.code, 0, run.stdout)
    assert.equal(run.summary, 'check: 0 errors, 0 warnings')
    assert.deepEqual(run.lines.filter((line) => !line.startsWith('note  ')), [])
    assert.equal(run.stderr, '')
    assert.deepEqual([...new Set(world.bynder.requests.map((r) => `${r.method} ${r.path.replace(/\/media\/[^/]+\/download\/$/, '/media/{id}/download/')}`))],
      ['GET /api/v4/metaproperties/', 'GET /api/v4/media/', 'GET /api/v4/media/{id}/download/'], 'reads only: a download URL is asked for, nothing is downloaded')
    assert.equal(world.bynder.requests.filter((r) => r.path.endsWith('/download/')).length, 3, 'one asset per kind: plain, watermarked, limited')
    assert.ok(world.akeneo.requests.every((r) => r.method === 'GET' || r.path === '/api/oauth/v1/token'))
    assert.ok(world.akeneo.requests.some((r) => r.path === '/api/rest/v1/attributes'))
  })
})

describe('check: Bynder metaproperties', () => {
  it('names a metaproperty that does not exist, with its file:line:col, and suggests the API name for a label', async () => {
    const run = await world.check(EXAMPLE_MAPPING.replace('product_model_code: akeneo_model_code', 'product_model_code: Akeneo product model')
      .replace('name: product_name', 'name: product_title'))
    assert.equal(run.code, 1)
    assert.match(findLine(run, /product_model_code/),
      /^error {2}\S+mapping\.yml:14:23 at metaproperty_mappings\.product_model_code: metaproperty "Akeneo product model" does not exist in Bynder \(credential bynder\); did you mean "akeneo_model_code"/)
    assert.match(findLine(run, /enrichment_metaproperty_mappings\.name:/), /^error {2}\S+:\d+:\d+ at enrichment_metaproperty_mappings\.name: metaproperty "product_title" does not exist/)
    assert.equal(run.summary, 'check: 2 errors, 0 warnings')
  })

  it('reads "takes options" with the service\'s one rule: a sidebar with options is a fine link metaproperty, a button cannot be written', async () => {
    world.portal.metaproperties.sku.type = 'sidebar'
    world.portal.metaproperties.productName.type = 'button'
    const run = await world.check(EXAMPLE_MAPPING)
    assert.equal(run.code, 1)
    assert.equal(run.lines.filter((line) => /product_identifier/.test(line)).length, 0, 'sidebar with options holds options')
    assert.match(findLine(run, /at enrichment_metaproperty_mappings\.name:/), /^error .*"product_name" is of type button .*holds neither text nor options/)
  })

  it('refuses a metaproperty that is not an API field, wherever the mapping names it', async () => {
    world.portal.metaproperties.sortOrder.isApiField = false
    const run = await world.check(EXAMPLE_MAPPING)
    assert.equal(run.code, 1)
    assert.match(findLine(run, /at metaproperty_mappings\.sort_order:/), /^error .*"akeneo_sort_order" is not an API field in Bynder \(credential bynder\) \(isApiField is false\)/)
    assert.match(findLine(run, /^error .*at sortable_asset_type_metaproperty_mappings\.application_image_1:/), /not an API field/)
  })

  it('warns (exit 0) when a link metaproperty is not select-like', async () => {
    world.bynder.addMetaproperty({ name: 'sku_text', type: 'text' })
    const run = await world.check(EXAMPLE_MAPPING.replace('product_identifier: akeneo_product_sku', 'product_identifier: sku_text'))
    assert.equal(run.code, 0, run.stdout)
    assert.match(findLine(run, /product_identifier/), /^warning {2}\S+:\d+:\d+ at metaproperty_mappings\.product_identifier: metaproperty "sku_text" is of type text .*select, select2, autocomplete/)
    assert.equal(run.summary, 'check: 0 errors, 1 warning')
  })

  it('refuses enrichment into a link metaproperty and one metaproperty fed by two attributes', async () => {
    const run = await world.check(EXAMPLE_MAPPING.replace('color: colors', 'color: akeneo_asset_type\n  description: product_name'))
    assert.match(findLine(run, /at enrichment_metaproperty_mappings\.color:/), /carries link data \(metaproperty_mappings\.asset_type\)/)
    assert.match(findLine(run, /at enrichment_metaproperty_mappings\.name:/), /"product_name" is also mapped from description/)
  })
})

describe('check: Bynder options', () => {
  const assetTypes = (entries: string): string => `${LINK_HEAD}${ASSET_TYPE_OPTIONS}${entries}`

  it('warns about a missing asset-type option when it will be created, and refuses it when it will not', async () => {
    world.bynder.addOption(world.portal.metaproperties.assetType, { name: 'ls_01', label: 'Lifestyle' })
    const entries = '  manual_pdf: Lifestyle\n  application_image_2: Banner\n'
    const lenient = await world.check(assetTypes(entries))
    assert.equal(lenient.code, 0, lenient.stdout)
    assert.match(findLine(lenient, /manual_pdf:/),
      /^warning {2}\S+:9:15 at asset_type_metaproperty_options_mappings\.manual_pdf: option "Lifestyle" does not exist in metaproperty "akeneo_asset_type" in Bynder \(credential bynder\) \(an option labelled "Lifestyle" is named "ls_01".*it is created when first needed/)
    assert.match(findLine(lenient, /application_image_2:/), /^warning .*option "Banner" does not exist/)
    // ls_01 itself is neither mapped nor an attribute code: reported as such.
    assert.match(findLine(lenient, /at metaproperty_mappings\.asset_type:/), /ls_01 \(no such attribute\)/)

    const strict = await world.check(`${assetTypes(entries)}create_missing_metaproperty_options: false\n`)
    assert.equal(strict.code, 1)
    assert.match(findLine(strict, /application_image_2:/), /^error .*option "Banner" does not exist.*set create_missing_metaproperty_options: true/)
    assert.equal(strict.summary, 'check: 2 errors, 1 warning')
  })

  it('refuses an asset-type option name Bynder would never report (not sanitised)', async () => {
    const run = await world.check(`${LINK_HEAD}asset_type_metaproperty_options_mappings:\n  packshot_image: Pack shot\n  application_image_1: application\n`)
    assert.equal(run.code, 1)
    assert.match(findLine(run, /packshot_image:/), /^error .*"Pack shot" can never match an asset type: .*it would be "Pack_shot"/)
  })

  it('checks enrichment options as the enrichment job writes them (sanitised), only for select metaproperties', async () => {
    const mapping = `${LINK_HEAD}${ASSET_TYPE_OPTIONS}enrichment_metaproperty_mappings:
  brand: brand
  name: product_name
enrichment_metaproperty_locale_mappings:
  name: en_US
enrichment_metaproperty_options_mappings:
  brand:
    acme: ACME Corporation
    globex: Globex Inc
  name:
    Mug: Cup
`
    const lenient = await world.check(mapping)
    assert.equal(lenient.code, 0, lenient.stdout)
    assert.equal(lenient.summary, 'check: 0 errors, 1 warning')
    assert.match(findLine(lenient, /globex/),
      /^warning {2}\S+:17:13 at enrichment_metaproperty_options_mappings\.brand\.globex: option "Globex Inc" does not exist in metaproperty "brand"/)
    const strict = await world.check(`${mapping}create_missing_metaproperty_options: false\n`)
    assert.equal(strict.code, 1)
    assert.match(findLine(strict, /globex/), /^error /)
  })
})

describe('check: download rights of the token', () => {
  it('warns, naming the role, when the token cannot download the originals of watermarked or limited-usage assets', async () => {
    const rights = world.bynder.state.tokens.get(DEFAULT_FAKE_TOKEN)!
    rights.delete('DOWNLOADWATERMARK')
    rights.delete('KEYVISUALSDOWNLOAD')
    const run = await world.check(EXAMPLE_MAPPING)
    assert.equal(run.code, 0, 'a warning: the mapping itself is fine')
    const lines = run.lines.filter((line) => line.includes('derivative_to_use'))
    assert.equal(lines.length, 2, lines.join('\n'))
    assert.match(lines.join('\n'), /needs the role\(s\) MEDIAHIGHRES, DOWNLOADWATERMARK \(watermarked asset\)/)
    assert.match(lines.join('\n'), /needs the role\(s\) MEDIAHIGHRES, KEYVISUALSDOWNLOAD \(limited-usage asset\)/)
  })

  it('tries nothing when the mapping links a derivative', async () => {
    world.bynder.state.tokens.get(DEFAULT_FAKE_TOKEN)!.delete('MEDIAHIGHRES')
    const run = await world.check(EXAMPLE_MAPPING.replace('derivative_to_use: original', 'derivative_to_use: webimage'))
    assert.equal(run.lines.filter((line) => line.includes('derivative_to_use')).length, 0)
    assert.equal(world.bynder.requests.filter((r) => r.path.endsWith('/download/')).length, 0)
  })
})
