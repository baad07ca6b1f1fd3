import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { findProductByIdentifier, type FakeValue } from '../fakes/akeneo/state.js'
import { addOption, findMetapropertyByName } from '../fakes/bynder/catalog.js'
import type { FakeAsset } from '../fakes/bynder/index.js'
import { cloudEvent, eventPlatformHeaders } from '../helpers/akeneo-signer.js'
import { TEST_EP_SECRETS } from '../helpers/build-test-app.js'
import { startLinkWorld, type LinkWorld } from './link-harness.js'

async function withWorld (fn: (w: LinkWorld) => Promise<void>, mapping: Parameters<typeof startLinkWorld>[0] = {}): Promise<void> {
  const world = await startLinkWorld(mapping)
  try { await fn(world) } finally { await world.close() }
}

const plain = (data: unknown, locale: string | null = null): FakeValue[] => [{ locale, scope: null, data }]

/** The asset's metaproperty values as names (select-like) or text, by metaproperty name. */
function properties (w: LinkWorld, asset: FakeAsset): Record<string, string[] | string> {
  const shown: Record<string, string[] | string> = {}
  for (const [mpId, value] of Object.entries(asset.values)) {
    const mp = w.bynder.state.metaproperties.get(mpId)!
    shown[mp.name] = typeof value === 'string' ? value : value.map((id) => mp.options.find((o) => o.id === id)!.name)
  }
  return shown
}

function setValues (w: LinkWorld, identifier: string, values: Record<string, FakeValue[] | null>): string {
  const product = findProductByIdentifier(w.akeneo.state, identifier)!
  for (const [code, list] of Object.entries(values)) {
    if (list === null) Reflect.deleteProperty(product.values, code)
    else product.values[code] = list
  }
  product.updated = Date.now()
  return product.uuid
}

async function productUpdated (w: LinkWorld, identifier: string): Promise<void> {
  await w.productEvent(findProductByIdentifier(w.akeneo.state, identifier)!.uuid, 'com.akeneo.pim.v1.product.updated')
  await w.settle()
}

async function modelUpdated (w: LinkWorld, code: string): Promise<void> {
  const body = JSON.stringify(cloudEvent({ type: 'com.akeneo.pim.v1.product-model.updated', code, author: 'julia' }))
  const res = await w.app.inject({ method: 'POST', url: '/webhooks/akeneo', headers: eventPlatformHeaders(body, TEST_EP_SECRETS[0]), payload: body })
  assert.equal(res.statusCode, 200)
  await w.settle()
}

/** An asset linked by the import direction first (as in production), counters reset after. */
async function linkedAsset (w: LinkWorld, name: string, props: Record<string, string[] | string>): Promise<FakeAsset> {
  const asset = w.asset({ name, properties: { akeneo_asset_type: ['packshot_image'], ...props } })
  await w.notify(asset, 'asset_bank.media.create')
  await w.settle()
  w.bynder.writes.length = 0
  w.bynder.requests.length = 0
  return asset
}

const posts = (w: LinkWorld): number => w.bynder.requests.filter((r) => r.method === 'POST' && /^\/api\/v4\/media\/[^/]+\/$/.test(r.path)).length

async function lastOutcome (w: LinkWorld): Promise<{ status: string, outcome: string | null, lastError: string | null }> {
  const [event] = await w.app.store.listEvents({ limit: 1 })
  return event!.task!
}

describe('update-mapped-properties: enrichment through POST /webhooks/akeneo against the emulators', () => {
  it('writes text, localized, mapped-option and multi-select values in one post, creating a missing option with its label', () => withWorld(async (w) => {
    const asset = await linkedAsset(w, 'mug-front', { akeneo_product_sku: ['mug'] })
    setValues(w, 'mug', { name: plain('Mug', 'en_US').concat(plain('Tasse', 'fr_FR')), brand: plain('acme'), color: plain(['red', 'green']) })
    await productUpdated(w, 'mug')
    assert.equal((await lastOutcome(w)).status, 'done')
    const shown = properties(w, asset)
    assert.equal(shown.product_name, 'Mug', 'the en_US value (enrichment_metaproperty_locale_mappings)')
    assert.deepEqual(shown.brand, ['ACME_Corporation'], 'option code mapped (enrichment_metaproperty_options_mappings)')
    assert.deepEqual([...shown.colors!].sort(), ['green', 'red'], 'unmapped codes are option names; green created')
    const green = findMetapropertyByName(w.bynder.state, 'colors')!.options.find((o) => o.name === 'green')!
    assert.equal(green.label, 'green')
    assert.equal(posts(w), 1, 'one POST carries every metaproperty')
    const [write] = w.bynder.writes
    assert.deepEqual(write!.dangerousFields, {})
    assert.deepEqual(write!.deprecatedOptionNames, [], 'option ids are posted, not names')
  }))

  it('metaproperties of types sidebar and custom_list that hold options are written as options (one "takes options" rule)', () => withWorld(async (w) => {
    findMetapropertyByName(w.bynder.state, 'brand')!.type = 'sidebar'
    findMetapropertyByName(w.bynder.state, 'colors')!.type = 'custom_list'
    const asset = await linkedAsset(w, 'mug-front', { akeneo_product_sku: ['mug'] })
    setValues(w, 'mug', { brand: plain('acme'), color: plain(['red']) })
    await productUpdated(w, 'mug')
    const task = await lastOutcome(w)
    assert.equal(task.status, 'done')
    assert.doesNotMatch(task.outcome ?? '', /not written|does not take/)
    const shown = properties(w, asset)
    assert.deepEqual(shown.brand, ['ACME_Corporation'])
    assert.deepEqual(shown.colors, ['red'])
  }))

  it('a product change with nothing new to write makes zero Bynder writes', () => withWorld(async (w) => {
    await linkedAsset(w, 'mug-front', { akeneo_product_sku: ['mug'] })
    setValues(w, 'mug', { brand: plain('globex') })
    await productUpdated(w, 'mug')
    assert.equal(w.bynder.writes.length, 1)
    setValues(w, 'mug', { description: [{ locale: 'en_US', scope: 'ecommerce', data: 'not mapped' }] })
    await productUpdated(w, 'mug')
    await productUpdated(w, 'mug')
    assert.equal(w.bynder.writes.length, 1, 'no further write')
    assert.equal((await lastOutcome(w)).status, 'done')
  }, { update_metaproperty_on_empty_only_mappings: [] }))

  it('update_metaproperty_on_empty_only_mappings keeps a value already set in Bynder and fills an empty one', () => withWorld(async (w) => {
    const kept = await linkedAsset(w, 'kept', { akeneo_product_sku: ['sunglasses'], brand: ['Globex'] })
    const filled = await linkedAsset(w, 'filled', { akeneo_product_sku: ['mug'] })
    setValues(w, 'sunglasses', { brand: plain('acme') })
    setValues(w, 'mug', { brand: plain('acme') })
    await productUpdated(w, 'sunglasses')
    await productUpdated(w, 'mug')
    assert.deepEqual(properties(w, kept).brand, ['Globex'])
    assert.deepEqual(properties(w, filled).brand, ['ACME_Corporation'])
  }))

  it('an asset of several products: multi-value metaproperties take the union, single-value ones the first product by code', () => withWorld(async (w) => {
    const asset = await linkedAsset(w, 'shared', { akeneo_product_sku: ['tshirt-red', 'tshirt-blue'] })
    setValues(w, 'tshirt-red', { name: plain('Red shirt', 'en_US') })
    setValues(w, 'tshirt-blue', { name: plain('Blue shirt', 'en_US') })
    await productUpdated(w, 'tshirt-red')
    const shown = properties(w, asset)
    assert.deepEqual([...shown.colors!].sort(), ['blue', 'red'])
    assert.equal(shown.product_name, 'Blue shirt', 'tshirt-blue sorts before tshirt-red')
    // The same result whichever product changes: nothing more to write.
    await productUpdated(w, 'tshirt-blue')
    assert.equal(w.bynder.writes.length, 1)
  }))

  it('a product model enriches the assets naming its code; inherited values count for variants', () => withWorld(async (w) => {
    const modelAsset = await linkedAsset(w, 'model-shot', { akeneo_model_code: ['tshirt'] })
    await modelUpdated(w, 'tshirt')
    assert.deepEqual(properties(w, modelAsset).brand, ['ACME_Corporation'])
    assert.equal(properties(w, modelAsset).product_name, 'T-shirt')
    // A variant takes the variant-level attributes (packshot_image belongs to the model).
    const variantAsset = await linkedAsset(w, 'variant-shot', { akeneo_product_sku: ['tshirt-red'], akeneo_asset_type: ['application'] })
    assert.notEqual(w.value('tshirt-red', 'application_image_1'), null)
    await productUpdated(w, 'tshirt-red')
    assert.equal(properties(w, variantAsset).product_name, 'T-shirt', 'the name lives on the parent model')
  }))

  it('a scopable attribute is written from the channel of enrichment_metaproperty_channel_mappings', () => withWorld(async (w) => {
    const asset = await linkedAsset(w, 'desc', { akeneo_product_sku: ['tshirt-red'] })
    setValues(w, 'tshirt-red', {
      description: [{ locale: 'en_US', scope: 'ecommerce', data: 'Soft cotton' }, { locale: 'en_US', scope: 'print', data: 'Printed text' }]
    })
    await productUpdated(w, 'tshirt-red')
    assert.equal(properties(w, asset).product_name, 'Soft cotton')
  }, {
    enrichment_metaproperty_mappings: { description: 'product_name' },
    enrichment_metaproperty_locale_mappings: { description: 'en_US' },
    enrichment_metaproperty_channel_mappings: { description: 'ecommerce' }
  }))

  it('a missing option is reported, not created, when create_missing_metaproperty_options is false', () => withWorld(async (w) => {
    const asset = await linkedAsset(w, 'mug-front', { akeneo_product_sku: ['mug'] })
    setValues(w, 'mug', { color: plain(['green']), name: plain('Mug', 'en_US') })
    await productUpdated(w, 'mug')
    const task = await lastOutcome(w)
    assert.equal(task.status, 'done')
    assert.match(task.outcome ?? '', /green/)
    assert.equal(properties(w, asset).colors, undefined)
    assert.equal(properties(w, asset).product_name, 'Mug', 'the other metaproperties are still written')
    assert.equal(findMetapropertyByName(w.bynder.state, 'colors')!.options.some((o) => o.name === 'green'), false)
  }, { create_missing_metaproperty_options: false }))
})

describe('update-properties: assets attached in Akeneo name their product in Bynder', () => {
  it('a text attribute holding a Bynder media id: the asset gets the identifier (sanitised option, label kept) and the asset type', () => withWorld(async (w) => {
    addOption(findMetapropertyByName(w.bynder.state, 'akeneo_asset_type')!, { name: 'image_url' })
    const asset = w.asset({ name: 'picked-in-akeneo', properties: { akeneo_product_sku: ['SKU_1001'] } })
    w.akeneo.state.products.get(setValues(w, 'mug', { image_url: plain(`https://portal.example.com/media/?mediaId=${asset.id}`) }))
    await productUpdated(w, 'mug')
    const shown = properties(w, asset)
    assert.deepEqual(shown.akeneo_product_sku, ['SKU_1001', 'mug'], 'added to the set, other products kept')
    assert.deepEqual(shown.akeneo_asset_type, ['image_url'])
    assert.equal(w.bynder.writes.length, 1)
    await productUpdated(w, 'mug')
    assert.equal(w.bynder.writes.length, 1, 'already named: nothing more to write')
  }))

  it('a slot of a sortable type: the asset gets the type option of the first slot and the slot as sort order', () => withWorld(async (w) => {
    const asset = w.asset({ name: 'lifestyle' })
    const uuid = setValues(w, 'tshirt-red', { application_image_3: plain('a/b/c/d/lifestyle.jpg') })
    await w.app.store.links.save({
      credentialCode: 'bynder', assetId: asset.id, assetName: 'lifestyle', assetDateModified: asset.dateModified, targetType: 'product', targetCode: 'tshirt-red',
      productUuid: uuid, attribute: 'application_image_3', locale: null, scope: null, slotKey: '["product","tshirt-red","application_image_3",null,null]',
      source: 'original', writeKind: 'media_file', status: 'linked', value: 'a/b/c/d/lifestyle.jpg', fileFingerprint: null, updatedAt: Date.now()
    })
    await productUpdated(w, 'tshirt-red')
    const shown = properties(w, asset)
    assert.deepEqual(shown.akeneo_product_sku, ['tshirt_red'])
    assert.deepEqual(shown.akeneo_asset_type, ['application'])
    assert.equal(shown.akeneo_sort_order, '3')
    const option = findMetapropertyByName(w.bynder.state, 'akeneo_product_sku')!.options.find((o) => o.name === 'tshirt_red')!
    assert.equal(option.label, 'tshirt-red', 'Bynder sanitises the name; the identifier stays in the label')
  }))

  it('an option named after a sanitised identifier links back to that identifier in the import direction', () => withWorld(async (w) => {
    const asset = w.asset({ name: 'red', properties: { akeneo_product_sku: [] } })
    const uuid = setValues(w, 'tshirt-red', { image_url: plain(asset.id) })
    addOption(findMetapropertyByName(w.bynder.state, 'akeneo_asset_type')!, { name: 'image_url' })
    await w.productEvent(uuid, 'com.akeneo.pim.v1.product.updated')
    await w.settle()
    assert.deepEqual(properties(w, asset).akeneo_product_sku, ['tshirt_red'])
    w.edit(asset, { akeneo_asset_type: ['application'] })
    await w.notify(asset)
    await w.settle()
    assert.notEqual(w.value('tshirt-red', 'application_image_1'), null, 'tshirt_red (label tshirt-red) names product tshirt-red')
    assert.deepEqual((await w.links(`?asset=${asset.id}`)).map((l) => `${l.target_code}:${l.status}`), ['tshirt-red:linked'])
  }))
})

describe('events that name a product by identifier only (PIMs before 7)', () => {
  it('are acted on: the product is read by identifier and enriched', () => withWorld(async (w) => {
    const asset = await linkedAsset(w, 'mug-front', { akeneo_product_sku: ['mug'] })
    setValues(w, 'mug', { name: plain('Old-style mug', 'en_US') })
    const event = cloudEvent({ type: 'com.akeneo.pim.v1.product.updated', author: 'julia' })
    event.data = { product: { identifier: 'mug' }, author: { identifier: 'julia', type: 'user' } }
    const body = JSON.stringify(event)
    assert.equal((await w.app.inject({ method: 'POST', url: '/webhooks/akeneo', headers: eventPlatformHeaders(body, TEST_EP_SECRETS[0]), payload: body })).statusCode, 200)
    await w.settle()
    const task = await lastOutcome(w)
    assert.equal(task.status, 'done')
    assert.equal(properties(w, asset).product_name, 'Old-style mug')
  }))
})

describe('deleted products and models', () => {
  it('drop their registry entries; the identifier stays on the asset by default', () => withWorld(async (w) => {
    const asset = await linkedAsset(w, 'mug-front', { akeneo_product_sku: ['mug'] })
    const uuid = findProductByIdentifier(w.akeneo.state, 'mug')!.uuid
    w.akeneo.state.products.delete(uuid)
    await w.productEvent(uuid, 'com.akeneo.pim.v1.product.deleted')
    await w.settle()
    assert.deepEqual(await w.links(`?asset=${asset.id}`), [])
    assert.deepEqual(properties(w, asset).akeneo_product_sku, ['mug'])
    assert.equal(w.bynder.writes.length, 0)
  }))

  it('with remove_deleted_products_from_assets the identifier is taken out of the asset, other products kept', () => withWorld(async (w) => {
    const asset = await linkedAsset(w, 'shared', { akeneo_product_sku: ['mug', 'sunglasses'] })
    const uuid = findProductByIdentifier(w.akeneo.state, 'mug')!.uuid
    w.akeneo.state.products.delete(uuid)
    await w.productEvent(uuid, 'com.akeneo.pim.v1.product.deleted')
    await w.settle()
    assert.deepEqual(properties(w, asset).akeneo_product_sku, ['sunglasses'])
    assert.deepEqual((await w.links(`?asset=${asset.id}`)).map((l) => l.target_code), ['sunglasses'])
  }, { remove_deleted_products_from_assets: true }))
})
