import { addAsset, addMetaproperty } from './catalog.js'
import type { FakeAsset, FakeBynderState, FakeMetaproperty } from './state.js'

export interface SeededPortal {
  metaproperties: Record<'sku' | 'modelCode' | 'assetType' | 'sortOrder' | 'productName' | 'brand' | 'colors', FakeMetaproperty>
  assets: { packshot: FakeAsset, application: FakeAsset, modelShot: FakeAsset, archived: FakeAsset, unlinked: FakeAsset }
}

/** A small but realistic portal: the link metaproperties, enrichment ones and a few assets. */
export function seedRealisticPortal (fake: { state: FakeBynderState }): SeededPortal {
  const { state } = fake
  const metaproperties = {
    sku: addMetaproperty(state, {
      name: 'akeneo_product_sku', label: 'Akeneo product SKU', type: 'autocomplete', isMultiselect: true,
      options: [{ name: 'SKU_1001', label: 'SKU-1001' }, { name: 'SKU_1002', label: 'SKU-1002' }, { name: 'SKU_2001', label: 'SKU-2001' }]
    }),
    modelCode: addMetaproperty(state, {
      name: 'akeneo_model_code', label: 'Akeneo product model', type: 'select2', isMultiselect: true,
      options: [{ name: 'tshirt_classic' }, { name: 'sneaker_run' }]
    }),
    assetType: addMetaproperty(state, {
      name: 'akeneo_asset_type', label: 'Asset type', type: 'select', isMultiselect: false,
      options: [{ name: 'packshot_image' }, { name: 'Packshot' }, { name: 'application' }, { name: 'application_image_1' }]
    }),
    sortOrder: addMetaproperty(state, { name: 'akeneo_sort_order', label: 'Sort order', type: 'text' }),
    productName: addMetaproperty(state, { name: 'product_name', label: 'Product name', type: 'text' }),
    brand: addMetaproperty(state, {
      name: 'brand', label: 'Brand', type: 'select', options: [{ name: 'ACME_Corporation', label: 'ACME Corporation' }, { name: 'Globex' }]
    }),
    colors: addMetaproperty(state, {
      name: 'colors', label: 'Colors', type: 'select', isMultiselect: true, options: [{ name: 'red' }, { name: 'blue' }, { name: 'black' }]
    })
  }
  const assets = {
    packshot: addAsset(state, {
      name: 'tshirt-front', extension: ['jpg'], isPublic: true, customDerivatives: ['Akeneo_1200'],
      dateCreated: '2026-04-01T08:00:00Z', dateModified: '2026-04-02T09:00:00Z',
      properties: { akeneo_product_sku: ['SKU_1001', 'SKU_1002'], akeneo_asset_type: ['packshot_image'], brand: ['ACME_Corporation'] }
    }),
    application: addAsset(state, {
      name: 'tshirt-lifestyle', extension: ['png'], flagsAsNumbers: true, watermarked: true,
      dateCreated: '2026-04-03T08:00:00Z', dateModified: '2026-04-03T10:00:00Z',
      properties: { akeneo_product_sku: ['SKU_1001'], akeneo_asset_type: ['application'], akeneo_sort_order: '2' }
    }),
    modelShot: addAsset(state, {
      name: 'sneaker-side', extension: ['jpg'], limited: true, flagsAsNumbers: true,
      dateCreated: '2026-04-05T08:00:00Z', dateModified: '2026-04-06T11:30:00Z',
      properties: { akeneo_model_code: ['sneaker_run'], akeneo_asset_type: ['Packshot'], colors: ['red', 'black'], product_name: 'Runner' }
    }),
    archived: addAsset(state, {
      name: 'old-catalogue', type: 'document', extension: ['pdf'], archive: true,
      dateCreated: '2026-03-01T08:00:00Z', dateModified: '2026-04-07T12:00:00Z',
      properties: { akeneo_product_sku: ['SKU_2001'], akeneo_asset_type: ['packshot_image'] }
    }),
    unlinked: addAsset(state, {
      name: 'moodboard', extension: ['jpg'], dateCreated: '2026-04-08T08:00:00Z', dateModified: '2026-04-08T08:00:00Z'
    })
  }
  return { metaproperties, assets }
}
