import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { indexMetaproperties, type IndexedMetaproperty, type Metaproperty } from '../../src/clients/bynder/metaproperties.js'
import type { MetapropertyChange } from '../../src/sync/metaproperty-change.js'
import { planLinks, type AttributeMeta, type PlannableAsset } from '../../src/sync/link-planner.js'
import { mediaIdIn, referenceOf, type UsageRegistryRow } from '../../src/sync/asset-reference.js'
import { mergeChanges } from '../../src/sync/merge-changes.js'
import type { AkeneoValues } from '../../src/sync/plannable-metaproperty.js'
import { planUsage } from '../../src/sync/usage-planner.js'
import { usageSlots, type UsageMapping, type UsageSlot } from '../../src/sync/usage-slots.js'

const SKU = 'akeneo_sku'
const MODEL = 'akeneo_model'
const TYPE = 'akeneo_type'
const SORT = 'akeneo_sort'

const MAPPING: UsageMapping = {
  metaproperty_mappings: { product_identifier: SKU, product_model_code: MODEL, asset_type: TYPE, sort_order: SORT },
  asset_type_metaproperty_options_mappings: { packshot_image: 'Packshot', application_image_1: 'application' },
  sortable_asset_type_metaproperty_mappings: { application_image_1: SORT }
}

function mp (name: string, extra: Partial<Metaproperty> & { optionNames?: Array<string | [string, string]> } = {}): Metaproperty {
  const { optionNames = [], ...rest } = extra
  return {
    id: `id-${name}`,
    name,
    label: name,
    type: 'select',
    isMultiselect: false,
    isApiField: true,
    isRequired: false,
    options: optionNames.map((entry) => {
      const [optionName, label] = Array.isArray(entry) ? entry : [entry, entry]
      return { id: `opt-${optionName}`, name: optionName, label, labels: {}, active: true }
    }),
    ...rest
  }
}

function index (...list: Metaproperty[]): ReadonlyMap<string, IndexedMetaproperty> {
  return indexMetaproperties(list).byName
}

const METAPROPERTIES = index(
  mp(SKU, { type: 'autocomplete', isMultiselect: true, optionNames: [['SKU_1001', 'SKU-1001'], 'SKU_2'] }),
  mp(MODEL, { type: 'select2', isMultiselect: true }),
  mp(TYPE, { optionNames: ['Packshot', 'application', 'manual', 'packshot_image'] }),
  mp(SORT, { type: 'text' })
)

function slot (attribute: string, extra: Partial<UsageSlot> = {}): UsageSlot {
  return { attribute, locale: null, scope: null, data: 'a/b/c/file.jpg', assetTypeOption: attribute, sortOrder: null, sortMetaproperty: null, ...extra }
}

const PACKSHOT = slot('packshot_image', { assetTypeOption: 'Packshot' })
const APPLICATION_3 = slot('application_image_3', { assetTypeOption: 'application', sortOrder: 3, sortMetaproperty: SORT })
const PRODUCT = { type: 'product' as const, code: 'SKU-1001' }

function plan (slotValue: UsageSlot, current: Record<string, string[]>, extra: { entity?: { type: 'product' | 'product_model', code: string }, mapping?: UsageMapping, metaproperties?: ReadonlyMap<string, IndexedMetaproperty> } = {}) {
  return planUsage({ entity: extra.entity ?? PRODUCT, slot: slotValue, current, mapping: extra.mapping ?? MAPPING, metaproperties: extra.metaproperties ?? METAPROPERTIES })
}

/** metaproperty → option names or the text, for short assertions. */
function summary (changes: readonly MetapropertyChange[]): Record<string, string[] | string> {
  return Object.fromEntries(changes.map((c) => [c.metaproperty, c.kind === 'text' ? c.text : c.options.map((o) => o.name)]))
}

describe('usageSlots', () => {
  const OPTION_NAMES = new Set(['Packshot', 'application', 'manual', 'packshot_image', 'application_image_1'])
  const values = (entries: Record<string, unknown>): AkeneoValues =>
    Object.fromEntries(Object.entries(entries).map(([attribute, data]) => [attribute, [{ locale: null, scope: null, data }]]))

  it('finds mapped attributes, sortable slots and attributes named by an option', () => {
    const slots = usageSlots(values({
      packshot_image: 'p.jpg', application_image_1: 'a1.jpg', application_image_3: 'a3.jpg', manual: 'm.pdf', name: 'Shoe', colour: 'red'
    }), MAPPING, OPTION_NAMES)
    assert.deepEqual(slots.map((s) => [s.attribute, s.assetTypeOption, s.sortOrder, s.sortMetaproperty]), [
      ['application_image_1', 'application', 1, SORT],
      ['application_image_3', 'application', 3, SORT],
      ['manual', 'manual', null, null],
      ['packshot_image', 'Packshot', null, null]
    ])
  })

  it('uses the first slot code as the option when the sortable type has no option mapping', () => {
    const mapping: UsageMapping = { ...MAPPING, asset_type_metaproperty_options_mappings: {} }
    const slots = usageSlots(values({ application_image_2: 'x.jpg', application_image_12: 'y.jpg' }), mapping, new Set())
    assert.deepEqual(slots.map((s) => [s.attribute, s.assetTypeOption, s.sortOrder]), [
      ['application_image_12', 'application_image_1', 12],
      ['application_image_2', 'application_image_1', 2]
    ])
  })

  it('counts positions from a first slot other than _1', () => {
    const mapping: UsageMapping = { ...MAPPING, asset_type_metaproperty_options_mappings: {}, sortable_asset_type_metaproperty_mappings: { gallery_2: SORT } }
    const slots = usageSlots(values({ gallery_1: 'a', gallery_2: 'b', gallery_4: 'c' }), mapping, new Set())
    assert.deepEqual(slots.map((s) => [s.attribute, s.assetTypeOption, s.sortOrder]), [['gallery_2', 'gallery_2', 1], ['gallery_4', 'gallery_2', 3]])
  })

  it('leaves out an option name that is mapped to another attribute (import-assets would put it there)', () => {
    const slots = usageSlots(values({ application: 'x.jpg', Packshot: 'y.jpg' }), MAPPING, OPTION_NAMES)
    assert.deepEqual(slots, [])
  })

  it('skips empty values, keeps every locale and scope, sorted by attribute, locale, scope (null first)', () => {
    const slots = usageSlots({
      packshot_image: [
        { locale: 'fr_FR', scope: 'print', data: 'fr-print' },
        { locale: 'en_US', scope: 'print', data: 'en-print' },
        { locale: 'en_US', scope: null, data: 'en' },
        { locale: null, scope: null, data: null },
        { locale: 'de_DE', scope: null, data: '' }
      ],
      manual: [{ locale: null, scope: 'ecommerce', data: 'm.pdf' }]
    }, MAPPING, OPTION_NAMES)
    assert.deepEqual(slots.map((s) => [s.attribute, s.locale, s.scope, s.data]), [
      ['manual', null, 'ecommerce', 'm.pdf'],
      ['packshot_image', 'en_US', null, 'en'],
      ['packshot_image', 'en_US', 'print', 'en-print'],
      ['packshot_image', 'fr_FR', 'print', 'fr-print']
    ])
  })
})

describe('mediaIdIn', () => {
  const V4 = '0E242B12-0609-4310-90F58FD42E051771'
  const UUID = 'a3bb189e-8bf9-3888-9912-ace4e6543002'
  const cases: Array<[string, string | null]> = [
    [V4, V4],
    [V4.toLowerCase(), V4.toLowerCase()],
    [UUID, UUID],
    [`https://acme.bynder.com/media/?mediaId=${V4}`, V4],
    [`https://acme.bynder.com/media/?viewType=grid&mediaId=${UUID}&x=1`, UUID],
    [`https://acme.bynder.com/m/${V4}/webimage-shoe.png`, V4],
    [`8/2/5/4/8254abcd_${V4}.jpg`, V4],
    [`https://acme.bynder.com/m/${UUID}/x?mediaId=${V4}`, V4],
    ['https://acme.bynder.com/m/6bd7cbd9a0d2b0f1/webimage-shoe.png', null],
    ['0E242B12-0609-4310-90F58FD42E05177', null],
    [`X${V4}`, null],
    [`${V4}0`, null],
    ['a/b/c/d/4b1c1a0d8e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b_shoe.jpg', null],
    ['', null]
  ]
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} → ${String(expected)}`, () => { assert.equal(mediaIdIn(text), expected) })
  }
})

describe('referenceOf', () => {
  const ASSET = '0E242B12-0609-4310-90F58FD42E051771'
  const row = (extra: Partial<UsageRegistryRow> = {}): UsageRegistryRow => ({
    attribute: 'packshot_image', locale: null, scope: null, status: 'linked', value: 'a/b/c/file.jpg', assetId: 'REGISTRY-ASSET', credentialCode: 'bynder', ...extra
  })

  it('a linked registry row with exactly this value wins', () => {
    assert.deepEqual(referenceOf(PACKSHOT, [row()]), { assetId: 'REGISTRY-ASSET', credentialCode: 'bynder', via: 'registry' })
  })

  it('a registry row wins over a media id in the value', () => {
    const url = `https://acme.bynder.com/m/${ASSET}/webimage.png`
    assert.deepEqual(referenceOf(slot('image_url', { data: url }), [row({ attribute: 'image_url', value: url })]),
      { assetId: 'REGISTRY-ASSET', credentialCode: 'bynder', via: 'registry' })
  })

  it('rows of another slot, a waiting row or another value do not count', () => {
    const rows = [
      row({ locale: 'en_US' }), row({ scope: 'print' }), row({ attribute: 'manual' }),
      row({ status: 'waiting', value: null }), row({ status: 'waiting' }), row({ value: 'a/b/c/other.jpg' })
    ]
    assert.equal(referenceOf(PACKSHOT, rows), null)
  })

  it('falls back to a media id in the value, leaving the credential to the caller', () => {
    assert.deepEqual(referenceOf(slot('image_url', { data: `https://acme.bynder.com/media/?mediaId=${ASSET}` }), [row()]),
      { assetId: ASSET, credentialCode: null, via: 'media_id' })
  })

  it('null for a file uploaded by hand, and for non-text data', () => {
    assert.equal(referenceOf(slot('packshot_image', { data: 'f/0/0/d/hand-upload.jpg' }), []), null)
    assert.equal(referenceOf(slot('packshot_image', { data: { code: ASSET } }), []), null)
  })
})

describe('planUsage', () => {
  it('adds the identifier to the set, asset type and nothing else for a plain slot', () => {
    const { changes, problems } = plan(PACKSHOT, { [SKU]: ['SKU_2'] })
    assert.deepEqual(problems, [])
    assert.deepEqual(summary(changes), { [SKU]: ['SKU_2', 'SKU_1001'], [TYPE]: ['Packshot'] })
    const sku = changes.find((c) => c.metaproperty === SKU)
    assert.ok(sku?.kind === 'options')
    assert.deepEqual(sku.options.at(-1), { name: 'SKU_1001', label: 'SKU-1001' })
    assert.match(sku.why, /product SKU-1001.*packshot_image/)
  })

  it('keeps other products once each, in their order, with their known labels', () => {
    const { changes } = plan(PACKSHOT, { [SKU]: ['SKU_1001', 'OTHER_9', 'SKU_1001', ''], [TYPE]: ['Packshot'] }, { entity: { type: 'product', code: 'SKU 3/b' } })
    assert.deepEqual(changes, [{
      metaproperty: SKU,
      kind: 'options',
      options: [{ name: 'SKU_1001', label: 'SKU-1001' }, { name: 'OTHER_9', label: 'OTHER_9' }, { name: 'SKU_3_b', label: 'SKU 3/b' }],
      why: 'product SKU 3/b uses the asset in packshot_image'
    }])
  })

  it('an option named SKU_1001 (label SKU-1001) already names identifier SKU-1001: no change', () => {
    assert.deepEqual(plan(PACKSHOT, { [SKU]: ['SKU_1001'], [TYPE]: ['Packshot'] }), { changes: [], problems: [] })
  })

  it('single-select asset type: replaced by exactly the option; multi-select: union', () => {
    assert.deepEqual(summary(plan(PACKSHOT, { [SKU]: ['SKU_1001'], [TYPE]: ['manual'] }).changes), { [TYPE]: ['Packshot'] })
    assert.deepEqual(summary(plan(PACKSHOT, { [SKU]: ['SKU_1001'], [TYPE]: ['Packshot', 'manual'] }).changes), { [TYPE]: ['Packshot'] })
    const multi = index(mp(SKU, { isMultiselect: true }), mp(TYPE, { isMultiselect: true }), mp(SORT, { type: 'text' }))
    assert.deepEqual(summary(plan(PACKSHOT, { [SKU]: ['SKU_1001'], [TYPE]: ['manual'] }, { metaproperties: multi }).changes), { [TYPE]: ['manual', 'Packshot'] })
    assert.deepEqual(plan(PACKSHOT, { [SKU]: ['SKU_1001'], [TYPE]: ['manual', 'Packshot'] }, { metaproperties: multi }).changes, [])
  })

  it('an asset typed by the attribute code where the mapping names an option already lands there: no change', () => {
    assert.deepEqual(plan(PACKSHOT, { [SKU]: ['SKU_1001'], [TYPE]: ['packshot_image'] }).changes, [])
    const multi = index(mp(SKU, { isMultiselect: true }), mp(TYPE, { isMultiselect: true }), mp(SORT, { type: 'text' }))
    assert.deepEqual(plan(PACKSHOT, { [SKU]: ['SKU_1001'], [TYPE]: ['manual', 'packshot_image'] }, { metaproperties: multi }).changes, [])
    // A sortable slot is typed by its first slot's option (or code).
    assert.deepEqual(plan(APPLICATION_3, { [SKU]: ['SKU_1001'], [TYPE]: ['application_image_1'], [SORT]: ['3'] }).changes, [])
  })

  it('a mapped option name with spaces is sanitised, the text kept as label', () => {
    const slotValue = slot('hero_image', { assetTypeOption: 'Hero shot' })
    const type = plan(slotValue, { [SKU]: ['SKU_1001'] }).changes.find((c) => c.metaproperty === TYPE)
    assert.deepEqual(type?.kind === 'options' && type.options, [{ name: 'Hero_shot', label: 'Hero shot' }])
    assert.deepEqual(plan(slotValue, { [SKU]: ['SKU_1001'], [TYPE]: ['Hero_shot'] }).changes, [])
  })

  it('sortable slot: sort order as text', () => {
    assert.deepEqual(summary(plan(APPLICATION_3, {}).changes), { [SKU]: ['SKU_1001'], [TYPE]: ['application'], [SORT]: '3' })
    assert.deepEqual(plan(APPLICATION_3, { [SKU]: ['SKU_1001'], [TYPE]: ['application'], [SORT]: [' 3 '] }).changes, [])
    assert.deepEqual(summary(plan(APPLICATION_3, { [SKU]: ['SKU_1001'], [TYPE]: ['application'], [SORT]: ['1'] }).changes), { [SORT]: '3' })
  })

  it('sortable slot: a select-like sort metaproperty gets exactly the option named n', () => {
    const metaproperties = index(mp(SKU, { isMultiselect: true }), mp(TYPE), mp(SORT, { type: 'select', optionNames: ['1', '2', '3'] }))
    assert.deepEqual(summary(plan(APPLICATION_3, { [SKU]: ['SKU_1001'], [TYPE]: ['application'], [SORT]: ['1'] }, { metaproperties }).changes), { [SORT]: ['3'] })
    assert.deepEqual(plan(APPLICATION_3, { [SKU]: ['SKU_1001'], [TYPE]: ['application'], [SORT]: ['3'] }, { metaproperties }).changes, [])
  })

  it('no sort order when the slot names a metaproperty the mapping no longer has', () => {
    const stale = slot('application_image_3', { assetTypeOption: 'application', sortOrder: 3, sortMetaproperty: 'old_sort' })
    assert.deepEqual(summary(plan(stale, {}).changes), { [SKU]: ['SKU_1001'], [TYPE]: ['application'] })
  })

  it('product model: the code goes into product_model_code', () => {
    const { changes, problems } = plan(PACKSHOT, { [SKU]: ['SKU_2'] }, { entity: { type: 'product_model', code: 'tshirt-classic' } })
    assert.deepEqual(problems, [])
    assert.deepEqual(summary(changes), { [MODEL]: ['tshirt_classic'], [TYPE]: ['Packshot'] })
  })

  it('product model without product_model_code mapped: a problem and no changes', () => {
    const mapping: UsageMapping = { ...MAPPING, metaproperty_mappings: { product_identifier: SKU, asset_type: TYPE } }
    const { changes, problems } = plan(PACKSHOT, {}, { entity: { type: 'product_model', code: 'M-1' }, mapping })
    assert.deepEqual(changes, [])
    assert.deepEqual(problems.map((p) => [p.attribute, p.mappingKey]), [['packshot_image', 'metaproperty_mappings.product_model_code']])
  })

  it('identifier metaproperty missing or not an API field: a problem and no changes', () => {
    const missing = plan(PACKSHOT, {}, { metaproperties: index(mp(TYPE)) })
    assert.deepEqual(missing.changes, [])
    assert.deepEqual(missing.problems.map((p) => p.mappingKey), ['metaproperty_mappings.product_identifier'])
    assert.match(missing.problems[0]?.message ?? '', /akeneo_sku does not exist/)
    const hidden = plan(PACKSHOT, {}, { metaproperties: index(mp(SKU, { isMultiselect: true, isApiField: false }), mp(TYPE)) })
    assert.deepEqual(hidden.changes, [])
    assert.match(hidden.problems[0]?.message ?? '', /not an API field/)
  })

  it('asset-type or sort metaproperty missing: that part is a problem, the rest is planned', () => {
    const metaproperties = index(mp(SKU, { isMultiselect: true }), mp(TYPE, { isApiField: false }))
    const { changes, problems } = plan(APPLICATION_3, {}, { metaproperties })
    assert.deepEqual(summary(changes), { [SKU]: ['SKU_1001'] })
    assert.deepEqual(problems.map((p) => p.mappingKey), ['metaproperty_mappings.asset_type', 'sortable_asset_type_metaproperty_mappings.application_image_1'])
  })

  it('a sort problem names the sortable entry of the slot, also when entries share a metaproperty', () => {
    const mapping: UsageMapping = { ...MAPPING, sortable_asset_type_metaproperty_mappings: { application_image_1: 'missing_sort', gallery_1: 'missing_sort' } }
    const metaproperties = index(mp(SKU, { isMultiselect: true }), mp(TYPE))
    const gallery = slot('gallery_2', { assetTypeOption: 'gallery_1', sortOrder: 2, sortMetaproperty: 'missing_sort' })
    assert.deepEqual(plan(gallery, {}, { mapping, metaproperties }).problems.map((p) => p.mappingKey), ['sortable_asset_type_metaproperty_mappings.gallery_1'])
  })

  it('a text identifier metaproperty holds one identifier', () => {
    const metaproperties = index(mp(SKU, { type: 'text' }), mp(TYPE), mp(SORT, { type: 'text' }))
    assert.deepEqual(plan(PACKSHOT, { [TYPE]: ['Packshot'] }, { metaproperties }).changes, [{ metaproperty: SKU, kind: 'text', text: 'SKU-1001', why: 'product SKU-1001 uses the asset in packshot_image' }])
    assert.deepEqual(plan(PACKSHOT, { [SKU]: ['SKU-1001'], [TYPE]: ['Packshot'] }, { metaproperties }), { changes: [], problems: [] })
    const taken = plan(PACKSHOT, { [SKU]: ['SKU-9'] }, { metaproperties })
    assert.deepEqual(taken.changes, [])
    assert.match(taken.problems[0]?.message ?? '', /already names "SKU-9"/)
  })

  it('a text asset-type metaproperty gets the option text as it is', () => {
    const metaproperties = index(mp(SKU, { isMultiselect: true }), mp(TYPE, { type: 'longtext' }))
    assert.deepEqual(summary(plan(slot('hero_image', { assetTypeOption: 'Hero shot' }), { [SKU]: ['SKU_1001'] }, { metaproperties }).changes), { [TYPE]: 'Hero shot' })
  })

  it('round trip: an asset carrying the planned changes is placed by import-assets in the same slot', () => {
    const catalog = new Map(['packshot_image', 'application_image_1', 'application_image_2', 'application_image_3', 'manual']
      .map((code): [string, AttributeMeta] => [code, { code, type: 'pim_catalog_image', localizable: false, scopable: false }]))
    const values: AkeneoValues = {
      packshot_image: [{ locale: null, scope: null, data: 'p.jpg' }],
      application_image_3: [{ locale: null, scope: null, data: 'a.jpg' }],
      manual: [{ locale: null, scope: null, data: 'm.pdf' }]
    }
    for (const s of usageSlots(values, MAPPING, new Set(['Packshot', 'application', 'manual']))) {
      const { changes } = plan(s, { [SKU]: ['SKU_2'] }, { entity: { type: 'product', code: 'SKU1001' } })
      const properties: Record<string, string[]> = { [SKU]: ['SKU_2'] }
      for (const change of changes) properties[change.metaproperty] = change.kind === 'text' ? [change.text] : change.options.map((o) => o.name)
      const asset: PlannableAsset = { id: 'A', archive: false, isPublic: false, dateModified: '2026-11-28T10:00:00Z', thumbnails: {}, properties }
      const linked = planLinks(asset, { ...MAPPING, derivative_to_use: 'original', asset_unlink_after_archiving: true }, catalog)
      assert.deepEqual(linked.problems, [], s.attribute)
      assert.deepEqual(linked.links.map((l) => [l.target.code, l.attribute]), [['SKU1001', s.attribute], ['SKU_2', s.attribute]])
    }
  })
})

describe('mergeChanges', () => {
  const options = (metaproperty: string, names: string[], why = 'w'): MetapropertyChange =>
    ({ metaproperty, kind: 'options', options: names.map((name) => ({ name, label: name })), why })
  const text = (metaproperty: string, value: string, why = 'w'): MetapropertyChange => ({ metaproperty, kind: 'text', text: value, why })

  it('unions option sets, one change per metaproperty in order of first appearance', () => {
    const { changes, problems } = mergeChanges([
      options(SKU, ['SKU_2', 'SKU_1001'], 'slot a'), text(SORT, '3', 'slot b'), options(SKU, ['SKU_2', 'SKU_1001', 'SKU_7'], 'slot b'), options(SKU, ['SKU_2'], 'slot a')
    ])
    assert.deepEqual(problems, [])
    assert.deepEqual(changes, [options(SKU, ['SKU_2', 'SKU_1001', 'SKU_7'], 'slot a; slot b'), text(SORT, '3', 'slot b')])
  })

  it('compares option names sanitised and keeps the first label', () => {
    const { changes } = mergeChanges([
      { metaproperty: SKU, kind: 'options', options: [{ name: 'SKU_1001', label: 'SKU-1001' }], why: 'a' },
      { metaproperty: SKU, kind: 'options', options: [{ name: 'SKU-1001', label: 'other' }, { name: 'SKU_2', label: 'SKU-2' }], why: 'b' }
    ], index(mp(SKU, { isMultiselect: true })))
    assert.deepEqual(changes[0]?.kind === 'options' && changes[0].options, [{ name: 'SKU_1001', label: 'SKU-1001' }, { name: 'SKU_2', label: 'SKU-2' }])
  })

  it('the same text merges; a different text conflicts and the first wins', () => {
    assert.deepEqual(mergeChanges([text(SORT, '3', 'a'), text(SORT, '3', 'b')]), { changes: [text(SORT, '3', 'a; b')], problems: [] })
    const { changes, problems } = mergeChanges([text(SORT, '1', 'application_image_1'), text(SORT, '3', 'application_image_3')])
    assert.deepEqual(changes, [text(SORT, '1', 'application_image_1')])
    assert.equal(problems.length, 1)
    assert.equal(problems[0]?.attribute, SORT)
    assert.match(problems[0]?.message ?? '', /"1" \(application_image_1\) is kept, "3" \(application_image_3\) is not written/)
  })

  it('a text against options conflicts', () => {
    const { changes, problems } = mergeChanges([options(TYPE, ['Packshot']), text(TYPE, 'Packshot')])
    assert.deepEqual(changes, [options(TYPE, ['Packshot'])])
    assert.equal(problems.length, 1)
  })

  it('single options that disagree conflict; with metaproperties a multi-select unions them', () => {
    const conflicting = mergeChanges([options(TYPE, ['Packshot'], 'packshot_image'), options(TYPE, ['application'], 'application_image_2')])
    assert.deepEqual(conflicting.changes, [options(TYPE, ['Packshot'], 'packshot_image')])
    assert.match(conflicting.problems[0]?.message ?? '', /Packshot \(packshot_image\) is kept, application \(application_image_2\) is not written/)
    const single = mergeChanges([options(TYPE, ['Packshot']), options(TYPE, ['Packshot', 'application'])], index(mp(TYPE)))
    assert.equal(single.problems.length, 1)
    const multi = mergeChanges([options(TYPE, ['Packshot'], 'a'), options(TYPE, ['application'], 'b')], index(mp(TYPE, { isMultiselect: true })))
    assert.deepEqual(multi, { changes: [options(TYPE, ['Packshot', 'application'], 'a; b')], problems: [] })
  })

  it('the same single option twice is no conflict', () => {
    assert.deepEqual(mergeChanges([options(TYPE, ['Packshot'], 'a'), options(TYPE, ['Packshot'], 'b')]), { changes: [options(TYPE, ['Packshot'], 'a; b')], problems: [] })
  })

  it('does not modify its input', () => {
    const first = options(SKU, ['SKU_2'])
    mergeChanges([first, options(SKU, ['SKU_2', 'SKU_3'])], index(mp(SKU, { isMultiselect: true })))
    assert.deepEqual(first, options(SKU, ['SKU_2']))
  })

  it('several slots of one asset: each planUsage result holds the complete set, so the merge keeps other products', () => {
    const current = { [SKU]: ['SKU_2'], [TYPE]: ['application'], [SORT]: ['1'] }
    const parts = [slot('application_image_1', { assetTypeOption: 'application', sortOrder: 1, sortMetaproperty: SORT }), APPLICATION_3]
      .flatMap((s) => plan(s, current).changes)
    const { changes, problems } = mergeChanges(parts, METAPROPERTIES)
    assert.deepEqual(summary(changes), { [SKU]: ['SKU_2', 'SKU_1001'], [SORT]: '3' })
    assert.equal(problems.length, 0, 'slot 1 already holds sort order 1, so only slot 3 asks for a change')
  })
})
