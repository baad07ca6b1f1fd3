import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { IndexedMetaproperty, Option } from '../../src/clients/bynder/index.js'
import type { Mapping } from '../../src/config/mapping-schema.js'
import { diffEnrichment } from '../../src/sync/enrichment-diff.js'
import { mergeEnrichment } from '../../src/sync/enrichment-merge.js'
import {
  enrichmentAttributes, planEnrichment,
  type AkeneoValues, type DesiredProperty, type EnrichableEntity, type EnrichmentAttribute, type EnrichmentPlan
} from '../../src/sync/enrichment-planner.js'
import type { MetapropertyChange, OptionValue, PropertyProblem } from '../../src/sync/metaproperty-change.js'

const BASE: Mapping = {
  metaproperty_mappings: { product_identifier: 'akeneo_sku', product_model_code: 'akeneo_model', asset_type: 'akeneo_type', sort_order: 'akeneo_sort' },
  sortable_asset_type_metaproperty_mappings: { application_image_1: 'gallery_position' },
  create_missing_metaproperty_options: true,
  remove_deleted_products_from_assets: false,
  derivative_to_use: 'original',
  asset_unlink_after_archiving: true
}

function attr (code: string, type: string, localizable = false, scopable = false): EnrichmentAttribute {
  return { code, type, localizable, scopable }
}

const ATTRIBUTES = new Map([
  attr('sku', 'pim_catalog_identifier'), attr('name', 'pim_catalog_text'), attr('description', 'pim_catalog_textarea'),
  attr('brand', 'pim_catalog_simpleselect'), attr('color', 'pim_catalog_multiselect'), attr('waterproof', 'pim_catalog_boolean'),
  attr('weight', 'pim_catalog_metric'), attr('stock', 'pim_catalog_number'), attr('price', 'pim_catalog_price_collection'),
  attr('release_date', 'pim_catalog_date'), attr('title', 'pim_catalog_text', true), attr('teaser', 'pim_catalog_textarea', false, true),
  attr('label', 'pim_catalog_text', true, true), attr('packshot', 'pim_catalog_image'), attr('manual', 'pim_catalog_file'),
  attr('nutrition', 'pim_catalog_table'), attr('designer', 'akeneo_reference_entity'), attr('media', 'pim_catalog_asset_collection'),
  attr('mystery', 'vendor_custom_type')
].map((meta) => [meta.code, meta]))

function option (name: string): Option {
  return { id: `opt-${name}`, name, label: name, labels: {}, active: true }
}

function mp (name: string, type: string, isMultiselect = false, options: string[] = [], isApiField = true): IndexedMetaproperty {
  const list = options.map(option)
  return {
    id: `mp-${name}`, name, label: name, type, isMultiselect, isApiField, isRequired: false, options: list,
    optionsByName: new Map(list.map((o) => [o.name, o])), optionsById: new Map(list.map((o) => [o.id, o]))
  }
}

const METAPROPERTIES = new Map([
  mp('product_name', 'text'), mp('notes', 'longtext'), mp('brand', 'select', false, ['ACME_Corporation']),
  mp('colors', 'select', true, ['Dark Blue']), mp('single_color', 'select'), mp('tags', 'autocomplete', true), mp('flag', 'select2'),
  mp('launch', 'date'), mp('odd', 'rating'), mp('hidden', 'text', false, [], false),
  mp('akeneo_sku', 'select', true), mp('gallery_position', 'text')
].map((meta) => [meta.name, meta]))

/** A value with no locale and no channel. */
const v = (data: unknown) => [{ locale: null, scope: null, data }]

function product (values: AkeneoValues, code = 'SKU-1'): EnrichableEntity {
  return { type: 'product', code, values }
}

const text = (attribute: string, metaproperty: string, value: string | null): DesiredProperty =>
  ({ metaproperty, attribute, kind: 'text', multi: false, options: [], text: value })

const opts = (attribute: string, metaproperty: string, multi: boolean, options: Array<[string, string] | string>): DesiredProperty => ({
  metaproperty, attribute, kind: 'options', multi, options: options.map((o): OptionValue => (typeof o === 'string' ? { name: o, label: o } : { name: o[0], label: o[1] })), text: null
})

type ExpectedProblem = Pick<PropertyProblem, 'attribute' | 'mappingKey'> & { match?: RegExp }

interface Case {
  name: string
  /** Replaces the enrichment keys of BASE. */
  mapping: Partial<Mapping>
  values: AkeneoValues
  properties: DesiredProperty[]
  problems?: ExpectedProblem[]
}

const MAP = 'enrichment_metaproperty_mappings'

const planCases: Case[] = [
  // rendering, text-like
  {
    name: 'identifier, text and textarea are written as they are',
    mapping: { enrichment_metaproperty_mappings: { sku: 'product_name', description: 'notes' } },
    values: { sku: v('SKU-1'), description: v('  Light <b>trail</b> shoe\n') },
    properties: [text('description', 'notes', '  Light <b>trail</b> shoe\n'), text('sku', 'product_name', 'SKU-1')]
  },
  {
    name: 'simpleselect: the option code, sanitised into an option name, the code as label',
    mapping: { enrichment_metaproperty_mappings: { brand: 'brand' } },
    values: { brand: v('nord-wind') },
    properties: [opts('brand', 'brand', false, [['nord_wind', 'nord-wind']])]
  },
  {
    name: 'simpleselect with an option mapping: the mapped Bynder option name',
    mapping: { enrichment_metaproperty_mappings: { brand: 'brand' }, enrichment_metaproperty_options_mappings: { brand: { acme: 'ACME_Corporation' } } },
    values: { brand: v('acme') },
    properties: [opts('brand', 'brand', false, ['ACME_Corporation'])]
  },
  {
    name: 'multiselect into a multi-select: Akeneo order kept, duplicates (also after mapping) dropped',
    mapping: { enrichment_metaproperty_mappings: { color: 'colors' }, enrichment_metaproperty_options_mappings: { color: { navy: 'blue' } } },
    values: { color: v(['red', 'blue', 'red', 'navy', 'green']) },
    properties: [opts('color', 'colors', true, ['red', 'blue', 'green'])]
  },
  {
    name: 'an existing option whose name is the value exactly keeps that name; otherwise it is sanitised',
    mapping: { enrichment_metaproperty_mappings: { color: 'colors' }, enrichment_metaproperty_options_mappings: { color: { blue: 'Dark Blue', red: 'Deep Red' } } },
    values: { color: v(['blue', 'red']) },
    properties: [opts('color', 'colors', true, [['Dark Blue', 'Dark Blue'], ['Deep_Red', 'Deep Red']])]
  },
  {
    name: 'the only existing option matching the value ignoring case is used (acme_corporation → ACME_Corporation), not a look-alike',
    mapping: { enrichment_metaproperty_mappings: { brand: 'brand' } },
    values: { brand: v('acme-corporation') },
    properties: [opts('brand', 'brand', false, [['ACME_Corporation', 'acme-corporation']])]
  },
  {
    name: 'multiselect into a text metaproperty: joined with ", "',
    mapping: { enrichment_metaproperty_mappings: { color: 'notes' } },
    values: { color: v(['red', 'blue']) },
    properties: [text('color', 'notes', 'red, blue')]
  },
  {
    name: 'option mappings apply to text metaproperties too',
    mapping: { enrichment_metaproperty_mappings: { brand: 'product_name' }, enrichment_metaproperty_options_mappings: { brand: { acme: 'ACME Corporation' } } },
    values: { brand: v('acme') },
    properties: [text('brand', 'product_name', 'ACME Corporation')]
  },
  {
    name: 'several values into a single-select: a problem, nothing planned for it',
    mapping: { enrichment_metaproperty_mappings: { color: 'single_color', name: 'product_name' } },
    values: { color: v(['red', 'blue']), name: v('Trail') },
    properties: [text('name', 'product_name', 'Trail')],
    problems: [{ attribute: 'color', mappingKey: `${MAP}.color`, match: /2 values \(red, blue\) for the single-select metaproperty single_color/ }]
  },
  {
    name: 'one multiselect value into a single-select is fine',
    mapping: { enrichment_metaproperty_mappings: { color: 'single_color' } },
    values: { color: v(['red']) },
    properties: [opts('color', 'single_color', false, ['red'])]
  },
  {
    name: 'boolean: true / false, through the option mapping when there is one',
    mapping: { enrichment_metaproperty_mappings: { waterproof: 'flag', name: 'product_name' }, enrichment_metaproperty_options_mappings: { waterproof: { true: 'Yes' }, name: { false: 'No' } } },
    values: { waterproof: v(true) },
    properties: [opts('waterproof', 'flag', false, ['Yes']), text('name', 'product_name', null)]
  },
  {
    name: 'boolean false is a value, written as "false" when unmapped',
    mapping: { enrichment_metaproperty_mappings: { waterproof: 'product_name' }, enrichment_metaproperty_options_mappings: { waterproof: { true: 'Yes' } } },
    values: { waterproof: v(false) },
    properties: [text('waterproof', 'product_name', 'false')]
  },
  ...([
    ['12.5000', '12.5'], [12, '12'], ['12.0000', '12'], ['-0.50', '-0.5'], ['-0', '0'], ['0.0000', '0'], [-3, '-3'],
    ['007.10', '7.1'], [1e21, '1000000000000000000000'], [1.5e-7, '0.00000015'], ['+4', '4'], [0.1, '0.1']
  ] as Array<[string | number, string]>).map(([data, want]): Case => ({
    name: `number ${JSON.stringify(data)} → "${want}"`,
    mapping: { enrichment_metaproperty_mappings: { stock: 'product_name' } },
    values: { stock: v(data) },
    properties: [text('stock', 'product_name', want)]
  })),
  {
    name: 'metric: canonical amount and unit',
    mapping: { enrichment_metaproperty_mappings: { weight: 'product_name' } },
    values: { weight: v({ amount: '0.2500', unit: 'KILOGRAM' }) },
    properties: [text('weight', 'product_name', '0.25 KILOGRAM')]
  },
  {
    name: 'metric without an amount is no value',
    mapping: { enrichment_metaproperty_mappings: { weight: 'tags' } },
    values: { weight: v({ amount: null, unit: 'KILOGRAM' }) },
    properties: [opts('weight', 'tags', true, [])]
  },
  {
    name: 'price collection: one "<amount> <currency>" per price, sorted by currency, null amounts skipped',
    mapping: { enrichment_metaproperty_mappings: { price: 'notes' } },
    values: { price: v([{ amount: '99.90', currency: 'USD' }, { amount: null, currency: 'GBP' }, { amount: '89.00', currency: 'EUR' }]) },
    properties: [text('price', 'notes', '89 EUR, 99.9 USD')]
  },
  {
    name: 'price collection into a multi-select: one option per price',
    mapping: { enrichment_metaproperty_mappings: { price: 'tags' } },
    values: { price: v([{ amount: 10, currency: 'USD' }, { amount: '9.50', currency: 'EUR' }]) },
    properties: [opts('price', 'tags', true, [['9_5_EUR', '9.5 EUR'], ['10_USD', '10 USD']])]
  },
  {
    name: 'several prices into a single-select: a problem',
    mapping: { enrichment_metaproperty_mappings: { price: 'flag' } },
    values: { price: v([{ amount: '10', currency: 'USD' }, { amount: '9', currency: 'EUR' }]) },
    properties: [],
    problems: [{ attribute: 'price', mappingKey: `${MAP}.price`, match: /2 values \(9_EUR, 10_USD\)/ }]
  },
  {
    name: 'date: the calendar date only, into a Bynder date metaproperty as text',
    mapping: { enrichment_metaproperty_mappings: { release_date: 'launch' } },
    values: { release_date: v('2026-05-01T00:00:00+00:00') },
    properties: [text('release_date', 'launch', '2026-05-01')]
  },

  // no value
  {
    name: 'no entry, null, "" and [] are no value: planned empty',
    mapping: { enrichment_metaproperty_mappings: { sku: 'product_name', name: 'notes', brand: 'brand', color: 'colors', weight: 'tags' } },
    values: { name: v(null), brand: v(''), color: v([]) },
    properties: [opts('brand', 'brand', false, []), opts('color', 'colors', true, []), text('name', 'notes', null), text('sku', 'product_name', null), opts('weight', 'tags', true, [])]
  },

  // locale and channel
  {
    name: 'localizable: the mapped locale\'s value',
    mapping: { enrichment_metaproperty_mappings: { title: 'product_name' }, enrichment_metaproperty_locale_mappings: { title: 'fr_FR' } },
    values: { title: [{ locale: 'en_US', scope: null, data: 'Shoe' }, { locale: 'fr_FR', scope: null, data: 'Chaussure' }] },
    properties: [text('title', 'product_name', 'Chaussure')]
  },
  {
    name: 'localizable without a value in the mapped locale: no value',
    mapping: { enrichment_metaproperty_mappings: { title: 'product_name' }, enrichment_metaproperty_locale_mappings: { title: 'de_DE' } },
    values: { title: [{ locale: 'en_US', scope: null, data: 'Shoe' }] },
    properties: [text('title', 'product_name', null)]
  },
  {
    name: 'localizable without a locale mapping',
    mapping: { enrichment_metaproperty_mappings: { title: 'product_name' } },
    values: { title: [{ locale: 'en_US', scope: null, data: 'Shoe' }] },
    properties: [],
    problems: [{ attribute: 'title', mappingKey: 'enrichment_metaproperty_locale_mappings.title', match: /is localizable/ }]
  },
  {
    name: 'scopable: the mapped channel\'s value; without a channel mapping: a problem',
    mapping: { enrichment_metaproperty_mappings: { teaser: 'notes', label: 'product_name' }, enrichment_metaproperty_channel_mappings: { teaser: 'print', label: 'print' }, enrichment_metaproperty_locale_mappings: { label: 'en_US' } },
    values: {
      teaser: [{ locale: null, scope: 'ecommerce', data: 'Web' }, { locale: null, scope: 'print', data: 'Paper' }],
      label: [{ locale: 'en_US', scope: 'ecommerce', data: 'A' }, { locale: 'en_US', scope: 'print', data: 'B' }, { locale: 'fr_FR', scope: 'print', data: 'C' }]
    },
    properties: [text('teaser', 'notes', 'Paper'), text('label', 'product_name', 'B')]
  },
  {
    name: 'scopable without a channel mapping',
    mapping: { enrichment_metaproperty_mappings: { teaser: 'notes', label: 'product_name' }, enrichment_metaproperty_locale_mappings: { label: 'en_US' } },
    values: {},
    properties: [],
    problems: [
      { attribute: 'label', mappingKey: 'enrichment_metaproperty_channel_mappings.label', match: /is scopable/ },
      { attribute: 'teaser', mappingKey: 'enrichment_metaproperty_channel_mappings.teaser', match: /is scopable/ }
    ]
  },
  {
    name: 'locale and channel mappings of a plain attribute are ignored',
    mapping: { enrichment_metaproperty_mappings: { name: 'product_name' }, enrichment_metaproperty_locale_mappings: { name: 'en_US' }, enrichment_metaproperty_channel_mappings: { name: 'print' } },
    values: { name: [{ locale: 'en_US', scope: 'print', data: 'Wrong' }, { locale: null, scope: null, data: 'Right' }] },
    properties: [text('name', 'product_name', 'Right')]
  },

  // configuration problems
  {
    name: 'attribute unknown to Akeneo',
    mapping: { enrichment_metaproperty_mappings: { gone: 'product_name' } },
    values: { gone: v('x') },
    properties: [],
    problems: [{ attribute: 'gone', mappingKey: `${MAP}.gone`, match: /Akeneo has no attribute gone/ }]
  },
  {
    name: 'metaproperty missing in Bynder, or not an API field',
    mapping: { enrichment_metaproperty_mappings: { name: 'nowhere', sku: 'hidden' } },
    values: { name: v('x'), sku: v('SKU-1') },
    properties: [],
    problems: [
      { attribute: 'name', mappingKey: `${MAP}.name`, match: /Bynder has no metaproperty named nowhere/ },
      { attribute: 'sku', mappingKey: `${MAP}.sku`, match: /not an API field/ }
    ]
  },
  {
    name: 'metaproperties that carry link data are never enriched',
    mapping: { enrichment_metaproperty_mappings: { sku: 'akeneo_sku', name: 'gallery_position' } },
    values: { sku: v('SKU-1'), name: v('x') },
    properties: [],
    problems: [
      { attribute: 'name', mappingKey: `${MAP}.name`, match: /carries link data \(sortable_asset_type_metaproperty_mappings\.application_image_1\)/ },
      { attribute: 'sku', mappingKey: `${MAP}.sku`, match: /carries link data \(metaproperty_mappings\.product_identifier\)/ }
    ]
  },
  {
    name: 'two attributes into one metaproperty: neither is written',
    mapping: { enrichment_metaproperty_mappings: { name: 'product_name', sku: 'product_name', description: 'notes' } },
    values: { name: v('Trail'), sku: v('SKU-1'), description: v('Light') },
    properties: [text('description', 'notes', 'Light')],
    problems: [
      { attribute: 'name', mappingKey: `${MAP}.name`, match: /mapped from several attributes \(name, sku\)/ },
      { attribute: 'sku', mappingKey: `${MAP}.sku`, match: /mapped from several attributes \(name, sku\)/ }
    ]
  },
  {
    name: 'types that cannot be rendered: explained, with or without a value',
    mapping: { enrichment_metaproperty_mappings: { packshot: 'notes', manual: 'product_name', nutrition: 'launch', designer: 'odd', media: 'tags', mystery: 'flag' } },
    values: { packshot: v('a/b/packshot.jpg') },
    properties: [],
    problems: ['designer', 'manual', 'media', 'mystery', 'nutrition', 'packshot'].map((attribute) => ({ attribute, mappingKey: `${MAP}.${attribute}`, match: /cannot be written into a metaproperty \(supported: / }))
  },
  ...([
    ['stock', { amount: 1 }, /is not a number/], ['stock', '12,5', /is not a number/], ['waterproof', 'yes', /is not a boolean/],
    ['color', 'red', /is not a list of option codes/], ['release_date', 'tomorrow', /is not a date/],
    ['weight', { amount: '1' }, /has no unit/], ['price', [{ amount: '1' }], /has no currency/], ['name', 42, /is not a string/]
  ] as Array<[string, unknown, RegExp]>).map(([attribute, data, match]): Case => ({
    name: `an unexpected ${attribute} value ${JSON.stringify(data)}: a problem`,
    mapping: { enrichment_metaproperty_mappings: { [attribute]: 'notes' } },
    values: { [attribute]: v(data) },
    properties: [],
    problems: [{ attribute, mappingKey: `${MAP}.${attribute}`, match }]
  })),

  // Bynder types
  {
    name: 'select2 and autocomplete take options; rating (unknown) takes text',
    mapping: { enrichment_metaproperty_mappings: { brand: 'flag', color: 'tags', name: 'odd' } },
    values: { brand: v('acme'), color: v(['red']), name: v('Trail') },
    properties: [opts('brand', 'flag', false, ['acme']), text('name', 'odd', 'Trail'), opts('color', 'tags', true, ['red'])]
  },
  {
    name: 'one bad entry does not stop the others; output sorted by metaproperty',
    mapping: { enrichment_metaproperty_mappings: { name: 'product_name', gone: 'brand', color: 'colors' } },
    values: { name: v('Trail'), color: v(['red']) },
    properties: [opts('color', 'colors', true, ['red']), text('name', 'product_name', 'Trail')],
    problems: [{ attribute: 'gone', mappingKey: `${MAP}.gone` }]
  }
]

describe('planEnrichment', () => {
  for (const testCase of planCases) {
    it(testCase.name, () => {
      const plan = planEnrichment(product(testCase.values), { ...BASE, ...testCase.mapping }, ATTRIBUTES, METAPROPERTIES)
      assert.deepEqual(plan.properties, testCase.properties)
      const expected = testCase.problems ?? []
      assert.deepEqual(plan.problems.map(({ attribute, mappingKey }) => ({ attribute, mappingKey })), expected.map(({ attribute, mappingKey }) => ({ attribute, mappingKey })))
      plan.problems.forEach((problem, index) => {
        const metaproperty = testCase.mapping.enrichment_metaproperty_mappings?.[problem.attribute] ?? ''
        assert.ok(problem.message.startsWith(`${problem.attribute} → ${metaproperty}: `), problem.message)
        assert.ok(problem.message.endsWith(`(mapping key: ${problem.mappingKey})`), problem.message)
        const match = expected[index]?.match
        if (match !== undefined) assert.match(problem.message, match)
      })
    })
  }

  it('explains an unexpected value with its locale and channel', () => {
    const plan = planEnrichment(product({ label: [{ locale: 'en_US', scope: 'print', data: ['x'] }] }), {
      ...BASE, enrichment_metaproperty_mappings: { label: 'notes' }, enrichment_metaproperty_locale_mappings: { label: 'en_US' }, enrichment_metaproperty_channel_mappings: { label: 'print' }
    }, ATTRIBUTES, METAPROPERTIES)
    assert.deepEqual(plan.problems, [{
      attribute: 'label',
      message: 'label → notes: the pim_catalog_text value (locale en_US, channel print) cannot be written: ["x"] is not a string (mapping key: enrichment_metaproperty_mappings.label)',
      mappingKey: 'enrichment_metaproperty_mappings.label'
    }])
  })

  it('plans nothing without enrichment mappings', () => {
    assert.deepEqual(planEnrichment(product({ name: v('x') }), BASE, ATTRIBUTES, METAPROPERTIES), { properties: [], problems: [] })
  })
})

describe('enrichmentAttributes', () => {
  it('lists the mapped attribute codes, sorted', () => {
    assert.deepEqual(enrichmentAttributes({ ...BASE, enrichment_metaproperty_mappings: { name: 'product_name', brand: 'brand', color: 'colors' } }), ['brand', 'color', 'name'])
  })
  it('lists nothing without enrichment mappings', () => {
    assert.deepEqual(enrichmentAttributes(BASE), [])
  })
})

describe('mergeEnrichment', () => {
  const P = (code: string) => ({ type: 'product' as const, code })
  const M = (code: string) => ({ type: 'product_model' as const, code })
  const plan = (properties: DesiredProperty[], problems: PropertyProblem[] = []): EnrichmentPlan => ({ properties, problems })

  it('multi-select: the union over every entity, one per name, sorted by name', () => {
    const merged = mergeEnrichment([
      { entity: P('SKU-2'), plan: plan([opts('color', 'colors', true, ['red', ['Dark_Blue', 'Dark Blue']])]) },
      { entity: M('M-1'), plan: plan([opts('color', 'colors', true, [['Dark_Blue', 'dark-blue'], 'green'])]) },
      { entity: P('SKU-1'), plan: plan([opts('color', 'colors', true, [])]) }
    ])
    assert.deepEqual(merged, plan([opts('color', 'colors', true, [['Dark_Blue', 'Dark Blue'], 'green', 'red'])]))
  })

  it('single value: products before models, each by code; the first with a value wins, whatever the input order', () => {
    const inputs = [
      { entity: M('A-MODEL'), plan: plan([text('name', 'product_name', 'Model'), opts('brand', 'brand', false, ['model_brand'])]) },
      { entity: P('SKU-2'), plan: plan([text('name', 'product_name', 'Second'), opts('brand', 'brand', false, ['second_brand'])]) },
      { entity: P('SKU-1'), plan: plan([text('name', 'product_name', null), opts('brand', 'brand', false, ['first_brand'])]) }
    ]
    const want = plan([opts('brand', 'brand', false, ['first_brand']), text('name', 'product_name', 'Second')])
    assert.deepEqual(mergeEnrichment(inputs), want)
    assert.deepEqual(mergeEnrichment([...inputs].reverse()), want)
  })

  it('a product model\'s value is used when no product has one; nobody has one → empty', () => {
    const merged = mergeEnrichment([
      { entity: P('SKU-1'), plan: plan([text('name', 'product_name', null), text('description', 'notes', null)]) },
      { entity: M('M-1'), plan: plan([text('name', 'product_name', 'From model'), text('description', 'notes', null)]) }
    ])
    assert.deepEqual(merged, plan([text('description', 'notes', null), text('name', 'product_name', 'From model')]))
  })

  it('an entity whose value was a problem contributes nothing; problems are prefixed with their entities and deduped', () => {
    const config: PropertyProblem = { attribute: 'gone', message: 'gone → brand: Akeneo has no attribute gone (mapping key: enrichment_metaproperty_mappings.gone)', mappingKey: 'enrichment_metaproperty_mappings.gone' }
    const several: PropertyProblem = { attribute: 'color', message: 'color → single_color: 2 values (red, blue) for the single-select metaproperty single_color', mappingKey: 'enrichment_metaproperty_mappings.color' }
    const merged = mergeEnrichment([
      { entity: M('M-1'), plan: plan([opts('color', 'single_color', false, ['green'])], [config]) },
      { entity: P('SKU-1'), plan: plan([], [several, config]) },
      { entity: P('SKU-1'), plan: plan([], [config]) }
    ])
    assert.deepEqual(merged, plan([opts('color', 'single_color', false, ['green'])], [
      { ...several, message: `product SKU-1: ${several.message}` },
      { ...config, message: `product SKU-1, product model M-1: ${config.message}` }
    ]))
  })

  it('merges nothing into an empty plan and does not alter its inputs', () => {
    assert.deepEqual(mergeEnrichment([]), plan([]))
    const input = plan([opts('color', 'colors', true, ['red'])])
    mergeEnrichment([{ entity: P('SKU-1'), plan: input }, { entity: P('SKU-2'), plan: plan([opts('color', 'colors', true, ['blue'])]) }])
    assert.deepEqual(input, plan([opts('color', 'colors', true, ['red'])]))
  })
})

describe('diffEnrichment', () => {
  const MAPPING: Mapping = { ...BASE, update_metaproperty_on_empty_only_mappings: ['brand'] }
  const why = (attribute: string, metaproperty: string) => `enrichment: ${attribute} → ${metaproperty}`

  interface DiffCase { name: string, current: Record<string, string[]>, desired: DesiredProperty[], changes: MetapropertyChange[] }
  const diffCases: DiffCase[] = [
    {
      name: 'options equal as a set (order aside): no change',
      current: { colors: ['blue', 'red'] },
      desired: [opts('color', 'colors', true, ['red', 'blue'])],
      changes: []
    },
    {
      name: 'options differ: the complete set',
      current: { colors: ['red', 'old'] },
      desired: [opts('color', 'colors', true, ['red', ['Dark_Blue', 'Dark Blue']])],
      changes: [{ metaproperty: 'colors', kind: 'options', options: [{ name: 'red', label: 'red' }, { name: 'Dark_Blue', label: 'Dark Blue' }], why: why('color', 'colors') }]
    },
    {
      name: 'options into an empty metaproperty (absent from the asset)',
      current: {},
      desired: [opts('color', 'single_color', false, ['red'])],
      changes: [{ metaproperty: 'single_color', kind: 'options', options: [{ name: 'red', label: 'red' }], why: why('color', 'single_color') }]
    },
    {
      name: 'text compared exactly',
      current: { product_name: ['Trail'], notes: ['light'] },
      desired: [text('name', 'product_name', 'Trail'), text('description', 'notes', 'Light')],
      changes: [{ metaproperty: 'notes', kind: 'text', text: 'Light', why: why('description', 'notes') }]
    },
    {
      name: 'an empty desired value leaves a value set by hand in place',
      current: { product_name: ['Typed in Bynder'], colors: ['red'] },
      desired: [text('name', 'product_name', null), opts('color', 'colors', true, [])],
      changes: []
    },
    {
      name: 'update on empty only: not while the asset holds a value, yes when it holds none',
      current: { brand: ['Other'] },
      desired: [opts('brand', 'brand', false, ['ACME_Corporation']), opts('brand', 'flag', false, ['acme'])],
      changes: [{ metaproperty: 'flag', kind: 'options', options: [{ name: 'acme', label: 'acme' }], why: why('brand', 'flag') }]
    },
    {
      name: 'changes sorted by metaproperty name',
      current: {},
      desired: [text('name', 'product_name', 'Trail'), opts('color', 'colors', true, ['red']), text('description', 'notes', 'Light')],
      changes: [
        { metaproperty: 'colors', kind: 'options', options: [{ name: 'red', label: 'red' }], why: why('color', 'colors') },
        { metaproperty: 'notes', kind: 'text', text: 'Light', why: why('description', 'notes') },
        { metaproperty: 'product_name', kind: 'text', text: 'Trail', why: why('name', 'product_name') }
      ]
    }
  ]

  for (const testCase of diffCases) {
    it(testCase.name, () => {
      assert.deepEqual(diffEnrichment(testCase.current, testCase.desired, MAPPING), testCase.changes)
    })
  }

  it('plans, merges and diffs end to end', () => {
    const mapping: Mapping = {
      ...MAPPING,
      enrichment_metaproperty_mappings: { name: 'product_name', brand: 'brand', color: 'colors' },
      enrichment_metaproperty_options_mappings: { brand: { acme: 'ACME_Corporation' } }
    }
    const plans = [product({ name: v('Trail'), brand: v('acme'), color: v(['red']) }, 'SKU-1'), product({ name: v('Other'), color: v(['blue', 'red']) }, 'SKU-2')]
      .map((entity) => ({ entity, plan: planEnrichment(entity, mapping, ATTRIBUTES, METAPROPERTIES) }))
    const merged = mergeEnrichment(plans)
    assert.deepEqual(diffEnrichment({ colors: ['red'] }, merged.properties, mapping), [
      { metaproperty: 'brand', kind: 'options', options: [{ name: 'ACME_Corporation', label: 'ACME_Corporation' }], why: why('brand', 'brand') },
      { metaproperty: 'colors', kind: 'options', options: [{ name: 'blue', label: 'blue' }, { name: 'red', label: 'red' }], why: why('color', 'colors') },
      { metaproperty: 'product_name', kind: 'text', text: 'Trail', why: why('name', 'product_name') }
    ])
  })
})
