import { randomUUID } from 'node:crypto'
import type { AttributeType, FakeAkeneoState, FakeAttribute, FakeProduct, FakeValues } from './state.js'

function attribute (code: string, type: AttributeType, extra: Partial<FakeAttribute> = {}): FakeAttribute {
  return { code, type, localizable: false, scopable: false, available_locales: [], allowed_extensions: [], options: [], ...extra }
}

const images = ['jpg', 'jpeg', 'png', 'gif']

/** A catalog shaped like a real one: the attributes the connector maps, two families, a model. */
export function seedCatalog (state: FakeAkeneoState): { uuids: Record<string, string> } {
  for (const a of [
    attribute(state.identifierAttribute, 'pim_catalog_identifier'),
    attribute('name', 'pim_catalog_text', { localizable: true }),
    attribute('description', 'pim_catalog_textarea', { localizable: true, scopable: true }),
    attribute('brand', 'pim_catalog_simpleselect', { options: [{ code: 'acme', labels: { en_US: 'ACME' } }, { code: 'globex', labels: { en_US: 'Globex' } }] }),
    attribute('color', 'pim_catalog_multiselect', { options: ['red', 'blue', 'green'].map(code => ({ code, labels: { en_US: code } })) }),
    attribute('packshot_image', 'pim_catalog_image', { allowed_extensions: images }),
    attribute('application_image_1', 'pim_catalog_image', { allowed_extensions: images }),
    attribute('application_image_2', 'pim_catalog_image', { allowed_extensions: images }),
    attribute('application_image_3', 'pim_catalog_image', { allowed_extensions: images }),
    attribute('manual_pdf', 'pim_catalog_file', { allowed_extensions: ['pdf'] }),
    attribute('image_url', 'pim_catalog_text')
  ]) state.attributes.set(a.code, a)

  state.families.set('clothing', {
    code: 'clothing',
    attributes: [state.identifierAttribute, 'name', 'description', 'brand', 'color', 'packshot_image', 'application_image_1', 'application_image_2', 'application_image_3', 'manual_pdf', 'image_url'],
    variants: { clothing_by_color: { modelAttributes: ['name', 'description', 'brand', 'packshot_image', 'manual_pdf'] } }
  })
  state.families.set('accessories', {
    code: 'accessories',
    attributes: [state.identifierAttribute, 'name', 'brand', 'packshot_image', 'image_url'],
    variants: {}
  })

  const t = Date.parse('2026-11-01T08:00:00Z')
  state.productModels.set('tshirt', {
    code: 'tshirt', family: 'clothing', family_variant: 'clothing_by_color', parent: null, categories: ['apparel'],
    values: { name: [{ locale: 'en_US', scope: null, data: 'T-shirt' }], brand: [{ locale: null, scope: null, data: 'acme' }] },
    created: t, updated: t
  })
  const uuids: Record<string, string> = {}
  const rows: Array<[string, string, string | null, FakeValues]> = [
    ['tshirt-red', 'clothing', 'tshirt', { color: [{ locale: null, scope: null, data: ['red'] }] }],
    ['tshirt-blue', 'clothing', 'tshirt', { color: [{ locale: null, scope: null, data: ['blue'] }] }],
    ['sunglasses', 'accessories', null, { name: [{ locale: 'en_US', scope: null, data: 'Sunglasses' }], brand: [{ locale: null, scope: null, data: 'globex' }] }],
    ['mug', 'accessories', null, { name: [{ locale: 'en_US', scope: null, data: 'Mug' }] }]
  ]
  for (const [sku, family, parent, values] of rows) {
    uuids[sku] = addProduct(state, { identifier: sku, family, parent, values, updated: t }).uuid
  }
  return { uuids }
}

/** Puts a product straight into the state (no validation), e.g. with a chosen `updated`. */
export function addProduct (state: FakeAkeneoState, p: { identifier: string, family?: string | null, parent?: string | null, values?: FakeValues, updated?: number, uuid?: string }): FakeProduct {
  const updated = p.updated ?? Date.now()
  const product: FakeProduct = {
    uuid: p.uuid ?? randomUUID(),
    family: p.family ?? null,
    parent: p.parent ?? null,
    categories: [],
    enabled: true,
    values: { ...p.values, [state.identifierAttribute]: [{ locale: null, scope: null, data: p.identifier }] },
    created: updated,
    updated
  }
  state.products.set(product.uuid, product)
  return product
}
