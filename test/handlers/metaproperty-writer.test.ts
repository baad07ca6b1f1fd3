import assert from 'node:assert/strict'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { createBynderClient, type BynderClient } from '../../src/clients/bynder/index.js'
import type { MetapropertyChange } from '../../src/sync/metaproperty-change.js'
import { mergeChanges } from '../../src/sync/merge-changes.js'
import { planUsage } from '../../src/sync/usage-planner.js'
import type { UsageMapping, UsageSlot } from '../../src/sync/usage-slots.js'
import { writeMetaproperties, type WriterMapping } from '../../src/handlers/writers/metaproperty-writer.js'
import { DEFAULT_FAKE_TOKEN, seedRealisticPortal, startFakeBynder, type FakeBynder, type FakeMetaproperty, type SeededPortal } from '../fakes/bynder/index.js'

const CREATE: WriterMapping = { create_missing_metaproperty_options: true }
const NO_CREATE: WriterMapping = { create_missing_metaproperty_options: false }

let fake: FakeBynder
let portal: SeededPortal
let client: BynderClient

beforeEach(async () => {
  fake = await startFakeBynder({ maxRequestsPerSecond: 1000 })
  portal = seedRealisticPortal(fake)
  client = createBynderClient({ baseUrl: fake.url, permanentToken: DEFAULT_FAKE_TOKEN, maxRequestsPerSecond: 1000, metapropertiesTtlMs: 60_000, retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 5 } })
})
afterEach(async () => { await fake.close() })

const options = (metaproperty: string, list: Array<string | [string, string]>, why = 'test'): MetapropertyChange => ({
  metaproperty,
  kind: 'options',
  options: list.map((entry) => (Array.isArray(entry) ? { name: entry[0], label: entry[1] } : { name: entry, label: entry })),
  why
})
const text = (metaproperty: string, value: string, why = 'test'): MetapropertyChange => ({ metaproperty, kind: 'text', text: value, why })

const posts = () => fake.requests.filter((r) => r.method === 'POST')
const mediaPosts = () => posts().filter((r) => r.path.startsWith('/api/v4/media/'))
const optionPosts = () => posts().filter((r) => r.path.startsWith('/api/v4/metaproperties/'))
const optionId = (mp: FakeMetaproperty, name: string): string => {
  const option = mp.options.find((o) => o.name === name)
  assert.ok(option, `option ${name} of ${mp.name}`)
  return option.id
}

describe('writeMetaproperties (against the Bynder emulator)', () => {
  it('posts the complete set of every change in one POST of option ids and text, nothing else', async () => {
    const { sku, assetType, sortOrder } = portal.metaproperties
    const asset = portal.assets.application
    const outcome = await writeMetaproperties(client, asset.id, [
      options('akeneo_product_sku', [['SKU_1001', 'SKU-1001'], ['SKU_2001', 'SKU-2001']]),
      options('akeneo_asset_type', ['application']),
      text('akeneo_sort_order', '3')
    ], CREATE)
    assert.deepEqual(outcome, {
      posted: true,
      createdOptions: [],
      problems: [],
      sent: { akeneo_product_sku: ['SKU_1001', 'SKU_2001'], akeneo_asset_type: ['application'], akeneo_sort_order: '3' }
    })
    assert.equal(posts().length, 1)
    assert.equal(mediaPosts()[0]?.path, `/api/v4/media/${asset.id}/`)
    assert.deepEqual(mediaPosts()[0]?.formPairs, [
      [`metaproperty.${sku.id}`, `${optionId(sku, 'SKU_1001')},${optionId(sku, 'SKU_2001')}`],
      [`metaproperty.${assetType.id}`, optionId(assetType, 'application')],
      [`metaproperty.${sortOrder.id}`, '3']
    ])
    assert.equal(fake.writes.length, 1)
    const write = fake.writes[0]!
    assert.deepEqual([write.dangerousFields, write.deprecatedOptionNames, write.ignoredFields], [{}, [], []])
    await fake.writesApplied()
    const after = await client.getAsset(asset.id)
    assert.deepEqual(after?.properties.akeneo_product_sku, ['SKU_1001', 'SKU_2001'])
    assert.deepEqual(after?.properties.akeneo_sort_order, ['3'])
    assert.equal(after?.name, 'tshirt-lifestyle')
  })

  it('creates a missing option (name sanitised, original text as label), then posts it with the rest', async () => {
    const { sku } = portal.metaproperties
    const asset = portal.assets.packshot
    const outcome = await writeMetaproperties(client, asset.id, [options('akeneo_product_sku', [['SKU_1001', 'SKU-1001'], ['SKU_1002', 'SKU-1002'], ['SKU_3003_XL', 'SKU-3003/XL']])], CREATE)
    assert.deepEqual(outcome.createdOptions, ['akeneo_product_sku:SKU_3003_XL'])
    assert.deepEqual(outcome.problems, [])
    const created = sku.options.find((o) => o.name === 'SKU_3003_XL')
    assert.equal(created?.label, 'SKU-3003/XL')
    assert.deepEqual(optionPosts().map((r) => JSON.parse(r.form?.data ?? '{}')), [{ name: 'SKU_3003_XL', label: 'SKU-3003/XL' }])
    assert.deepEqual(posts().map((r) => r.path), [`/api/v4/metaproperties/${sku.id}/options/`, `/api/v4/media/${asset.id}/`], 'option first, one asset POST')
    assert.deepEqual(fake.writes.at(-1)?.metaproperties, { [sku.id]: [optionId(sku, 'SKU_1001'), optionId(sku, 'SKU_1002'), created!.id].join(',') })
    await fake.writesApplied()
    assert.deepEqual((await client.getAsset(asset.id))?.properties.akeneo_product_sku, ['SKU_1001', 'SKU_1002', 'SKU_3003_XL'])
  })

  it('matches an existing option by sanitised name without creating one', async () => {
    const { sku } = portal.metaproperties
    const outcome = await writeMetaproperties(client, portal.assets.unlinked.id, [options('akeneo_product_sku', ['SKU-1001', ['SKU 1002', 'SKU 1002']])], CREATE)
    assert.deepEqual([outcome.createdOptions, outcome.sent], [[], { akeneo_product_sku: ['SKU_1001', 'SKU_1002'] }])
    assert.equal(optionPosts().length, 0)
    assert.equal(fake.writes.at(-1)?.metaproperties[sku.id], `${optionId(sku, 'SKU_1001')},${optionId(sku, 'SKU_1002')}`)
  })

  it('finds an option created behind the cache’s back (400 existingUUID) and does not count it as created', async () => {
    const { modelCode } = portal.metaproperties
    await client.getMetaproperties()
    const other = fake.addOption(modelCode, { name: 'jacket_2026', label: 'jacket-2026' })
    const outcome = await writeMetaproperties(client, portal.assets.unlinked.id, [options('akeneo_model_code', [['jacket_2026', 'jacket-2026']])], CREATE)
    assert.deepEqual([outcome.posted, outcome.createdOptions], [true, []])
    assert.equal(fake.writes.at(-1)?.metaproperties[modelCode.id], other.id)
    assert.equal(modelCode.options.filter((o) => o.name === 'jacket_2026').length, 1)
  })

  it('create_missing_metaproperty_options false: a problem, that metaproperty left out, no option request', async () => {
    const { assetType, sku } = portal.metaproperties
    const outcome = await writeMetaproperties(client, portal.assets.unlinked.id, [
      options('akeneo_product_sku', [['SKU_1001', 'SKU-1001'], ['SKU_4004', 'SKU-4004']]),
      options('akeneo_asset_type', ['Packshot'])
    ], NO_CREATE)
    assert.equal(outcome.posted, true)
    assert.deepEqual(outcome.createdOptions, [])
    assert.deepEqual(outcome.problems.map((p) => [p.attribute, p.mappingKey]), [['akeneo_product_sku', 'create_missing_metaproperty_options']])
    assert.match(outcome.problems[0]!.message, /no option "SKU-4004"/)
    assert.equal(optionPosts().length, 0)
    assert.deepEqual(fake.writes.at(-1)?.metaproperties, { [assetType.id]: optionId(assetType, 'Packshot') })
    assert.equal(sku.options.some((o) => o.name === 'SKU_4004'), false)
  })

  it('a forbidden creation that was the only change makes no request at all besides reading metaproperties', async () => {
    const outcome = await writeMetaproperties(client, portal.assets.unlinked.id, [options('akeneo_model_code', ['new_model'])], NO_CREATE)
    assert.deepEqual([outcome.posted, outcome.problems.length], [false, 1])
    assert.deepEqual(fake.requests.map((r) => `${r.method} ${r.path}`), ['GET /api/v4/metaproperties/'])
    assert.equal(fake.writes.length, 0)
  })

  it('dry run: resolves and reports, creates nothing, posts nothing', async () => {
    const { sku } = portal.metaproperties
    const asset = portal.assets.packshot
    const before = structuredClone(asset.values)
    const optionsBefore = sku.options.length
    const outcome = await writeMetaproperties(client, asset.id, [
      options('akeneo_product_sku', [['SKU_1001', 'SKU-1001'], ['SKU_5005', 'SKU-5005'], ['SKU_5005', 'SKU-5005']]),
      text('akeneo_sort_order', '2')
    ], CREATE, { dryRun: true })
    assert.deepEqual(outcome, {
      posted: false,
      createdOptions: ['akeneo_product_sku:SKU_5005'],
      problems: [],
      sent: { akeneo_product_sku: ['SKU_1001', 'SKU_5005'], akeneo_sort_order: '2' }
    })
    assert.equal(posts().length, 0)
    assert.equal(fake.writes.length, 0)
    assert.equal(sku.options.length, optionsBefore)
    assert.deepEqual(asset.values, before)
  })

  it('nothing to post → no call', async () => {
    assert.deepEqual(await writeMetaproperties(client, portal.assets.unlinked.id, [], CREATE), { posted: false, createdOptions: [], problems: [], sent: {} })
    assert.equal(fake.requests.length, 0)
  })

  it('unknown, non-API and mistyped metaproperties are problems; the rest is posted', async () => {
    fake.addMetaproperty({ name: 'internal_notes', type: 'text', isApiField: false })
    const { colors } = portal.metaproperties
    const outcome = await writeMetaproperties(client, portal.assets.unlinked.id, [
      text('no_such_property', 'x'),
      text('internal_notes', 'x'),
      text('brand', 'Globex'),
      options('product_name', ['Runner']),
      options('colors', ['red'])
    ], CREATE)
    assert.deepEqual(outcome.problems.map((p) => p.message.replace(/ \(test\)$/, '')), [
      'Bynder metaproperty no_such_property does not exist: not written',
      'Bynder metaproperty internal_notes is not an API field (isApiField): not written',
      'Bynder metaproperty brand is of type select, which does not take a text: not written',
      'Bynder metaproperty product_name is of type text, which does not take options: not written'
    ])
    assert.deepEqual(outcome.sent, { colors: ['red'] })
    assert.equal(fake.writes.length, 1)
    assert.deepEqual(fake.writes[0]?.metaproperties, { [colors.id]: optionId(colors, 'red') })
  })

  it('a single-select metaproperty never receives two options', async () => {
    const { colors, assetType } = portal.metaproperties
    const outcome = await writeMetaproperties(client, portal.assets.unlinked.id, [
      options('akeneo_asset_type', ['Packshot']),
      options('akeneo_asset_type', ['Packshot', 'application']),
      options('colors', ['red']),
      options('colors', ['blue']),
      options('brand', ['Globex', 'ACME_Corporation'])
    ], CREATE)
    assert.deepEqual(outcome.problems.map((p) => p.attribute), ['akeneo_asset_type', 'brand'])
    assert.match(outcome.problems[0]!.message, /conflicting values for Bynder metaproperty akeneo_asset_type/)
    assert.match(outcome.problems[1]!.message, /brand is single-select and cannot hold Globex, ACME_Corporation/)
    assert.deepEqual(fake.writes.at(-1)?.metaproperties, {
      [assetType.id]: optionId(assetType, 'Packshot'),
      [colors.id]: `${optionId(colors, 'red')},${optionId(colors, 'blue')}`
    })
  })

  it('planner to writer: a product attaching an asset adds itself without dropping the others', async () => {
    const mapping: UsageMapping = {
      metaproperty_mappings: { product_identifier: 'akeneo_product_sku', product_model_code: 'akeneo_model_code', asset_type: 'akeneo_asset_type', sort_order: 'akeneo_sort_order' },
      asset_type_metaproperty_options_mappings: { packshot_image: 'Packshot', application_image_1: 'application' },
      sortable_asset_type_metaproperty_mappings: { application_image_1: 'akeneo_sort_order' }
    }
    const asset = portal.assets.application // SKU_1001, application, sort order 2
    const slot: UsageSlot = { attribute: 'application_image_4', locale: null, scope: null, data: 'x.jpg', assetTypeOption: 'application', sortOrder: 4, sortMetaproperty: 'akeneo_sort_order' }
    const current = (await client.getAsset(asset.id))!.properties
    const metaproperties = (await client.getMetaproperties()).byName
    const planned = planUsage({ entity: { type: 'product', code: 'SKU-7007' }, slot, current, mapping, metaproperties })
    const merged = mergeChanges(planned.changes, metaproperties)
    const outcome = await writeMetaproperties(client, asset.id, merged.changes, CREATE)
    assert.deepEqual([outcome.posted, outcome.createdOptions, outcome.problems], [true, ['akeneo_product_sku:SKU_7007'], []])
    await fake.writesApplied()
    const after = (await client.getAsset(asset.id))!
    assert.deepEqual(after.properties.akeneo_product_sku, ['SKU_1001', 'SKU_7007'])
    assert.deepEqual(after.properties.akeneo_asset_type, ['application'])
    assert.deepEqual(after.properties.akeneo_sort_order, ['4'])
    assert.equal(mediaPosts().length, 1)
  })
})
