import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { metapropertyKind } from '../../src/sync/metaproperty-kind.js'
import { planEnrichment } from '../../src/sync/enrichment-planner.js'
import { indexMetaproperties } from '../../src/clients/bynder/metaproperties.js'
import { loadMapping } from '../../src/config/mapping-loader.js'

const mp = (type: string, options: unknown[] = [], isMultiselect = false) => ({ type, options, isMultiselect })

describe('metapropertyKind: the one "takes options" rule', () => {
  const cases: Array<[string, ReturnType<typeof mp>, string]> = [
    ['select without options yet', mp('select'), 'options'],
    ['select2 / autocomplete', mp('autocomplete'), 'options'],
    ['sidebar with options', mp('sidebar', [{}]), 'options'],
    ['sidebar without options', mp('sidebar'), 'options'],
    ['custom_list with options', mp('custom_list', [{}]), 'options'],
    ['an unknown type with options', mp('fancy_picker', [{}]), 'options'],
    ['an unknown multiselect type', mp('fancy_picker', [], true), 'options'],
    ['text / longtext / date', mp('longtext'), 'text'],
    ['an unknown type without options', mp('rich_text'), 'text'],
    ['button', mp('button'), 'unsupported'],
    ['linked_assets', mp('linked_assets'), 'unsupported'],
    ['type case is ignored', mp('Select2'), 'options']
  ]
  for (const [name, input, kind] of cases) it(`${name} → ${kind}`, () => { assert.equal(metapropertyKind(input), kind) })

  it('enrichment plans a custom_list with options as options, and refuses to plan into a linked_assets metaproperty', () => {
    const mapping = { ...loadMapping('mappings/bynder_attribute_mappings.yml'), enrichment_metaproperty_mappings: { color: 'colors', name: 'related' } }
    const index = indexMetaproperties([
      { id: 'M1', name: 'colors', label: 'Colors', type: 'custom_list', isMultiselect: true, isApiField: true, isRequired: false, options: [{ id: 'O1', name: 'red', label: 'red', labels: {}, active: true }] },
      { id: 'M2', name: 'related', label: 'Related', type: 'linked_assets', isMultiselect: false, isApiField: true, isRequired: false, options: [] }
    ])
    const attributes = new Map([
      ['color', { code: 'color', type: 'pim_catalog_multiselect', localizable: false, scopable: false }],
      ['name', { code: 'name', type: 'pim_catalog_text', localizable: false, scopable: false }]
    ])
    const plan = planEnrichment({ type: 'product', code: 'mug', values: { color: [{ locale: null, scope: null, data: ['red'] }], name: [{ locale: null, scope: null, data: 'Mug' }] } }, mapping, attributes, index.byName)
    assert.deepEqual(plan.properties.map((p) => [p.metaproperty, p.kind, p.options.map((o) => o.name)]), [['colors', 'options', ['red']]])
    assert.match(plan.problems.map((p) => p.message).join('\n'), /related is of type linked_assets, which holds neither text nor options/)
  })
})
