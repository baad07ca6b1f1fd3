import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { normalizeAsset } from '../../src/clients/bynder/asset.js'
import {
  PROBLEM_KIND, attributesToLookUp, linkKey, planLinks,
  type AttributeMeta, type DesiredLink, type LinkMapping, type PlannableAsset, type PlanProblem
} from '../../src/sync/link-planner.js'

const MAPPING: LinkMapping = {
  metaproperty_mappings: { product_identifier: 'akeneo_sku', product_model_code: 'akeneo_model', asset_type: 'akeneo_type', sort_order: 'akeneo_sort' },
  asset_type_metaproperty_options_mappings: { packshot_image: 'Packshot', application_image_1: 'application' },
  sortable_asset_type_metaproperty_mappings: { application_image_1: 'akeneo_sort' },
  derivative_to_use: 'original',
  asset_unlink_after_archiving: true
}

function attr (code: string, type = 'pim_catalog_image', localizable = false, scopable = false): AttributeMeta {
  return { code, type, localizable, scopable }
}

const CATALOG = new Map([
  attr('packshot_image'), attr('application_image_1'), attr('application_image_2'), attr('application_image_3'),
  attr('manual', 'pim_catalog_file'), attr('image_url', 'pim_catalog_text'), attr('notes_url', 'pim_catalog_textarea'),
  attr('colour', 'pim_catalog_simpleselect'), attr('local_image', 'pim_catalog_image', true),
  attr('channel_image', 'pim_catalog_image', false, true), attr('both_image', 'pim_catalog_image', true, true),
  attr('gallery_1', 'pim_catalog_image', true, true), attr('gallery_2', 'pim_catalog_image', true, true)
].map((meta) => [meta.code, meta]))

const ID = '0E242B12-0609-4310-90F58FD42E051771'

function asset (properties: Record<string, string[]>, extra: Partial<PlannableAsset> = {}): PlannableAsset {
  return {
    id: ID,
    name: 'shoe.jpg',
    archive: false,
    isPublic: false,
    dateModified: '2026-11-28T10:00:00Z',
    thumbnails: { mini: 'https://cdn.example/mini.png', thul: 'https://cdn.example/thul.png', webimage: 'https://cdn.example/webimage.png' },
    properties,
    ...extra
  }
}

/** `product:SKU-1` or `product_model:M-1` → a link with the common defaults. */
function link (target: string, attribute: string, extra: Partial<DesiredLink> = {}): DesiredLink {
  const [type, code] = target.split(':') as ['product' | 'product_model', string]
  return { assetId: ID, target: { type, code }, attribute, locale: null, scope: null, source: 'original', write: 'media_file', url: null, ...extra }
}

type ExpectedProblem = Pick<PlanProblem, 'code'> & Partial<Pick<PlanProblem, 'attribute' | 'value' | 'mappingKey'>>

interface Case {
  name: string
  mapping?: Partial<LinkMapping>
  asset: PlannableAsset
  attributes?: Map<string, AttributeMeta>
  links: DesiredLink[]
  problems?: ExpectedProblem[]
}

const SKU = 'akeneo_sku'
const TYPE = 'akeneo_type'
const SORT = 'akeneo_sort'

const cases: Case[] = [
  // targets
  { name: 'asset type as a mapped option name', asset: asset({ [SKU]: ['SKU-1'], [TYPE]: ['Packshot'] }), links: [link('product:SKU-1', 'packshot_image')] },
  { name: 'asset type as the attribute code itself', asset: asset({ [SKU]: ['SKU-1'], [TYPE]: ['manual'] }), links: [link('product:SKU-1', 'manual')] },
  {
    name: 'several identifiers and model codes: linked to each, products first, codes sorted',
    asset: asset({ [SKU]: ['SKU-2', 'SKU-1'], akeneo_model: ['M-9', 'M-1'], [TYPE]: ['Packshot'] }),
    links: [link('product:SKU-1', 'packshot_image'), link('product:SKU-2', 'packshot_image'), link('product_model:M-1', 'packshot_image'), link('product_model:M-9', 'packshot_image')]
  },
  { name: 'the same identifier twice is one link', asset: asset({ [SKU]: ['SKU-1', 'SKU-1'], [TYPE]: ['Packshot'] }), links: [link('product:SKU-1', 'packshot_image')] },
  {
    name: 'model codes are ignored when product_model_code is not mapped',
    mapping: { metaproperty_mappings: { product_identifier: SKU, asset_type: TYPE } },
    asset: asset({ [SKU]: ['SKU-1'], akeneo_model: ['M-1'], [TYPE]: ['Packshot'] }),
    links: [link('product:SKU-1', 'packshot_image')]
  },
  { name: 'only product models named', asset: asset({ akeneo_model: ['M-1'], [TYPE]: ['Packshot'] }), links: [link('product_model:M-1', 'packshot_image')] },
  { name: 'empty strings are no values', asset: asset({ [SKU]: ['', 'SKU-1'], [TYPE]: ['', 'Packshot'] }), links: [link('product:SKU-1', 'packshot_image')] },
  {
    name: 'no product and no model: no_targets, nothing else checked',
    asset: asset({ [SKU]: [], [TYPE]: ['nonsense'] }),
    links: [],
    problems: [{ code: 'no_targets', mappingKey: 'metaproperty_mappings.product_identifier' }]
  },
  { name: 'no asset type', asset: asset({ [SKU]: ['SKU-1'] }), links: [], problems: [{ code: 'no_asset_type', mappingKey: 'metaproperty_mappings.asset_type' }] },

  // asset type resolution
  {
    name: 'unknown option: neither mapped nor an attribute code',
    asset: asset({ [SKU]: ['SKU-1'], [TYPE]: ['Lifestyle'] }),
    links: [],
    problems: [{ code: 'unknown_asset_type_option', value: 'Lifestyle', mappingKey: 'asset_type_metaproperty_options_mappings' }]
  },
  {
    name: 'mapped option whose attribute does not exist',
    mapping: { asset_type_metaproperty_options_mappings: { hero_image: 'Hero' } },
    asset: asset({ [SKU]: ['SKU-1'], [TYPE]: ['Hero'] }),
    links: [],
    problems: [{ code: 'attribute_missing', attribute: 'hero_image', value: 'Hero', mappingKey: 'asset_type_metaproperty_options_mappings.hero_image' }]
  },
  {
    name: 'unsupported attribute type',
    asset: asset({ [SKU]: ['SKU-1'], [TYPE]: ['colour'] }),
    links: [],
    problems: [{ code: 'unsupported_attribute_type', attribute: 'colour', value: 'colour' }]
  },
  {
    name: 'several asset-type values: one link set each; a bad one does not stop the good one',
    asset: asset({ [SKU]: ['SKU-1'], [TYPE]: ['manual', 'Packshot', 'Lifestyle'] }),
    links: [link('product:SKU-1', 'manual'), link('product:SKU-1', 'packshot_image')],
    problems: [{ code: 'unknown_asset_type_option', value: 'Lifestyle' }]
  },
  {
    name: 'option name and code of the same attribute: one link',
    asset: asset({ [SKU]: ['SKU-1'], [TYPE]: ['Packshot', 'packshot_image'] }),
    links: [link('product:SKU-1', 'packshot_image')]
  },
  {
    name: 'two attributes mapped to one option name: both filled',
    mapping: { asset_type_metaproperty_options_mappings: { packshot_image: 'Packshot', manual: 'Packshot' } },
    asset: asset({ [SKU]: ['SKU-1'], [TYPE]: ['Packshot'] }),
    links: [link('product:SKU-1', 'manual'), link('product:SKU-1', 'packshot_image')]
  },

  // sortable slots
  { name: 'sortable option with sort order 3 → slot 3', asset: asset({ [SKU]: ['SKU-1'], [TYPE]: ['application'], [SORT]: ['3'] }), links: [link('product:SKU-1', 'application_image_3')] },
  { name: 'sortable without sort value → slot 1', asset: asset({ [SKU]: ['SKU-1'], [TYPE]: ['application'] }), links: [link('product:SKU-1', 'application_image_1')] },
  { name: 'sortable named by its first slot code, sort order 2', asset: asset({ [SKU]: ['SKU-1'], [TYPE]: ['application_image_1'], [SORT]: ['2'] }), links: [link('product:SKU-1', 'application_image_2')] },
  { name: 'sort value with spaces and repeated', asset: asset({ [SKU]: ['SKU-1'], [TYPE]: ['application'], [SORT]: [' 2 ', '2'] }), links: [link('product:SKU-1', 'application_image_2')] },
  {
    name: 'slots count from the first mapped slot',
    mapping: { asset_type_metaproperty_options_mappings: {}, sortable_asset_type_metaproperty_mappings: { application_image_2: SORT } },
    asset: asset({ [SKU]: ['SKU-1'], [TYPE]: ['application_image_2'], [SORT]: ['2'] }),
    links: [link('product:SKU-1', 'application_image_3')]
  },
  {
    name: 'slot attribute missing in Akeneo',
    asset: asset({ [SKU]: ['SKU-1'], [TYPE]: ['application'], [SORT]: ['7'] }),
    links: [],
    problems: [{ code: 'slot_attribute_missing', attribute: 'application_image_7', value: 'application', mappingKey: 'sortable_asset_type_metaproperty_mappings.application_image_1' }]
  },
  {
    name: 'first slot missing in Akeneo (no sort value)',
    attributes: new Map([...CATALOG].filter(([code]) => code !== 'application_image_1')),
    asset: asset({ [SKU]: ['SKU-1'], [TYPE]: ['application'] }),
    links: [],
    problems: [{ code: 'slot_attribute_missing', attribute: 'application_image_1', value: 'application' }]
  },
  ...['0', '-1', '2.5', 'first', '99999999999999999999'].map((sort): Case => ({
    name: `sort order "${sort}" is refused, not read as slot 1`,
    asset: asset({ [SKU]: ['SKU-1'], [TYPE]: ['application'], [SORT]: [sort] }),
    links: [],
    problems: [{ code: 'invalid_sort_order', attribute: 'application_image_1', value: sort, mappingKey: 'sortable_asset_type_metaproperty_mappings.application_image_1' }]
  })),
  {
    name: 'two different sort orders are refused',
    asset: asset({ [SKU]: ['SKU-1'], [TYPE]: ['application'], [SORT]: ['2', '3'] }),
    links: [],
    problems: [{ code: 'invalid_sort_order', value: '2, 3' }]
  },
  { name: 'a sort order on a non-sortable type is ignored', asset: asset({ [SKU]: ['SKU-1'], [TYPE]: ['Packshot'], [SORT]: ['4'] }), links: [link('product:SKU-1', 'packshot_image')] },

  // archiving
  { name: 'archived, unlink after archiving: no links', asset: asset({ [SKU]: ['SKU-1'], [TYPE]: ['Packshot'] }, { archive: true }), links: [], problems: [{ code: 'archived', mappingKey: 'asset_unlink_after_archiving' }] },
  {
    name: 'archived, asset_unlink_after_archiving false: links kept',
    mapping: { asset_unlink_after_archiving: false },
    asset: asset({ [SKU]: ['SKU-1'], [TYPE]: ['Packshot'] }, { archive: true }),
    links: [link('product:SKU-1', 'packshot_image')]
  },

  // locale and channel
  { name: 'localizable without locale mapping', asset: asset({ [SKU]: ['SKU-1'], [TYPE]: ['local_image'] }), links: [], problems: [{ code: 'locale_required', attribute: 'local_image', mappingKey: 'asset_attribute_locale_mappings.local_image' }] },
  {
    name: 'localizable with locale mapping',
    mapping: { asset_attribute_locale_mappings: { local_image: 'en_US' } },
    asset: asset({ [SKU]: ['SKU-1'], [TYPE]: ['local_image'] }),
    links: [link('product:SKU-1', 'local_image', { locale: 'en_US' })]
  },
  { name: 'scopable without channel mapping', asset: asset({ [SKU]: ['SKU-1'], [TYPE]: ['channel_image'] }), links: [], problems: [{ code: 'channel_required', attribute: 'channel_image', mappingKey: 'asset_attribute_channel_mappings.channel_image' }] },
  {
    name: 'localizable and scopable with both mappings',
    mapping: { asset_attribute_locale_mappings: { both_image: 'fr_FR' }, asset_attribute_channel_mappings: { both_image: 'ecommerce', channel_image: 'print' } },
    asset: asset({ [SKU]: ['SKU-1'], [TYPE]: ['both_image', 'channel_image'] }),
    links: [link('product:SKU-1', 'both_image', { locale: 'fr_FR', scope: 'ecommerce' }), link('product:SKU-1', 'channel_image', { scope: 'print' })]
  },
  {
    name: 'localizable and scopable with only the locale',
    mapping: { asset_attribute_locale_mappings: { both_image: 'fr_FR' } },
    asset: asset({ [SKU]: ['SKU-1'], [TYPE]: ['both_image'] }),
    links: [],
    problems: [{ code: 'channel_required', attribute: 'both_image' }]
  },
  {
    name: 'a locale mapping on a non-localizable attribute is not used',
    mapping: { asset_attribute_locale_mappings: { packshot_image: 'en_US' }, asset_attribute_channel_mappings: { packshot_image: 'print' } },
    asset: asset({ [SKU]: ['SKU-1'], [TYPE]: ['Packshot'] }),
    links: [link('product:SKU-1', 'packshot_image')]
  },
  {
    name: 'sortable slots inherit the first slot\'s locale and channel',
    mapping: { sortable_asset_type_metaproperty_mappings: { gallery_1: SORT }, asset_attribute_locale_mappings: { gallery_1: 'en_US' }, asset_attribute_channel_mappings: { gallery_1: 'ecommerce' } },
    asset: asset({ [SKU]: ['SKU-1'], [TYPE]: ['gallery_1'], [SORT]: ['2'] }),
    links: [link('product:SKU-1', 'gallery_2', { locale: 'en_US', scope: 'ecommerce' })]
  },
  {
    name: 'a slot\'s own entry wins over the first slot\'s',
    mapping: { sortable_asset_type_metaproperty_mappings: { gallery_1: SORT }, asset_attribute_locale_mappings: { gallery_1: 'en_US', gallery_2: 'de_DE' }, asset_attribute_channel_mappings: { gallery_1: 'ecommerce' } },
    asset: asset({ [SKU]: ['SKU-1'], [TYPE]: ['gallery_1'], [SORT]: ['2'] }),
    links: [link('product:SKU-1', 'gallery_2', { locale: 'de_DE', scope: 'ecommerce' })]
  },
  {
    name: 'a sortable slot without locale names the first slot\'s key',
    mapping: { sortable_asset_type_metaproperty_mappings: { gallery_1: SORT } },
    asset: asset({ [SKU]: ['SKU-1'], [TYPE]: ['gallery_1'], [SORT]: ['2'] }),
    links: [],
    problems: [{ code: 'locale_required', attribute: 'gallery_2', mappingKey: 'asset_attribute_locale_mappings.gallery_1' }]
  },

  // source: derivative_to_use and text attributes
  {
    name: 'derivative_to_use for an image: the derivative URL is fetched',
    mapping: { derivative_to_use: 'webimage' },
    asset: asset({ [SKU]: ['SKU-1'], [TYPE]: ['Packshot'] }),
    links: [link('product:SKU-1', 'packshot_image', { source: 'webimage', url: 'https://cdn.example/webimage.png' })]
  },
  {
    name: 'a derivative the asset does not have (yet)',
    mapping: { derivative_to_use: 'Akeneo_1200' },
    asset: asset({ [SKU]: ['SKU-1'], [TYPE]: ['Packshot'] }),
    links: [],
    problems: [{ code: 'derivative_missing', attribute: 'packshot_image', mappingKey: 'derivative_to_use' }]
  },
  {
    name: 'text attribute with a derivative: its URL is written',
    mapping: { derivative_to_use: 'webimage' },
    asset: asset({ [SKU]: ['SKU-1'], [TYPE]: ['image_url', 'notes_url'] }),
    links: [
      link('product:SKU-1', 'image_url', { source: 'webimage', write: 'url', url: 'https://cdn.example/webimage.png' }),
      link('product:SKU-1', 'notes_url', { source: 'webimage', write: 'url', url: 'https://cdn.example/webimage.png' })
    ]
  },
  {
    name: 'text attribute with the original of a public asset: the original URL',
    asset: asset({ [SKU]: ['SKU-1'], [TYPE]: ['image_url'] }, { isPublic: true, original: 'https://cdn.example/original/shoe.jpg' }),
    links: [link('product:SKU-1', 'image_url', { write: 'url', url: 'https://cdn.example/original/shoe.jpg' })]
  },
  {
    name: 'text attribute with the original of a non-public asset',
    asset: asset({ [SKU]: ['SKU-1'], [TYPE]: ['notes_url'] }, { original: 'https://cdn.example/original/shoe.jpg' }),
    links: [],
    problems: [{ code: 'original_not_public_for_text', attribute: 'notes_url', mappingKey: 'derivative_to_use' }]
  },
  {
    name: 'text attribute, public asset without an original URL',
    asset: asset({ [SKU]: ['SKU-1'], [TYPE]: ['image_url'] }, { isPublic: true }),
    links: [],
    problems: [{ code: 'original_url_missing', attribute: 'image_url' }]
  },
  { name: 'a non-public original still goes into a file attribute', asset: asset({ [SKU]: ['SKU-1'], [TYPE]: ['manual'] }), links: [link('product:SKU-1', 'manual')] }
]

function project (problem: PlanProblem): ExpectedProblem {
  const out: ExpectedProblem = { code: problem.code }
  if (problem.attribute !== undefined) out.attribute = problem.attribute
  if (problem.value !== undefined) out.value = problem.value
  if (problem.mappingKey !== undefined) out.mappingKey = problem.mappingKey
  return out
}

describe('planLinks', () => {
  for (const testCase of cases) {
    it(testCase.name, () => {
      const plan = planLinks(testCase.asset, { ...MAPPING, ...testCase.mapping }, testCase.attributes ?? CATALOG)
      assert.deepEqual(plan.links, testCase.links)
      const expected = testCase.problems ?? []
      // Only the fields a case names are compared; messages are checked below for every case.
      assert.deepEqual(plan.problems.map(project).map((problem, index) => {
        const want = expected[index] ?? {}
        return Object.fromEntries(Object.entries(problem).filter(([key]) => key === 'code' || key in want))
      }), expected)
      for (const problem of plan.problems) {
        assert.equal(problem.assetId, ID)
        assert.match(problem.message, new RegExp(`asset ${ID} \\("shoe\\.jpg"\\)`))
        if (problem.value !== undefined) assert.ok(problem.message.includes(problem.value), problem.message)
        assert.ok(problem.message.endsWith(`(mapping key: ${problem.mappingKey})`), problem.message)
      }
    })
  }
})

describe('planLinks, across cases', () => {
  it('gives the same plan whatever order Bynder lists values in', () => {
    const forward = asset({ [SKU]: ['SKU-1', 'SKU-2'], akeneo_model: ['M-1'], [TYPE]: ['Packshot', 'manual', 'Lifestyle', 'colour'] })
    const backward = asset({ [SKU]: ['SKU-2', 'SKU-1'], akeneo_model: ['M-1'], [TYPE]: ['colour', 'Lifestyle', 'manual', 'Packshot'] })
    const plan = planLinks(forward, MAPPING, CATALOG)
    assert.deepEqual(planLinks(backward, MAPPING, CATALOG), plan)
    assert.deepEqual(plan.links.map(linkKey), [...plan.links.map(linkKey)].sort())
    assert.deepEqual(plan.problems.map((problem) => problem.code), ['unknown_asset_type_option', 'unsupported_attribute_type'])
  })

  it('takes the Bynder client\'s normalised asset as it is', () => {
    const raw = {
      id: ID, name: 'shoe.jpg', type: 'image', dateCreated: '2026-11-28T09:00:00Z', dateModified: '2026-11-28T10:00:00Z',
      archive: 0, isPublic: 1, thumbnails: { webimage: 'https://cdn.example/webimage.png' },
      property_akeneo_sku: ['SKU-1'], property_akeneo_type: 'application', property_akeneo_sort: ['2']
    }
    assert.deepEqual(planLinks(normalizeAsset(raw), MAPPING, CATALOG).links, [link('product:SKU-1', 'application_image_2')])
    assert.deepEqual(planLinks(normalizeAsset({ ...raw, archive: 1 }), MAPPING, CATALOG).links, [])
  })

  it('accepts a lookup function as well as a Map', () => {
    const subject = asset({ [SKU]: ['SKU-1'], [TYPE]: ['application'], [SORT]: ['2'] })
    assert.deepEqual(planLinks(subject, MAPPING, (code) => CATALOG.get(code)), planLinks(subject, MAPPING, CATALOG))
  })

  it('explains an asset without a name by its id alone', () => {
    const { problems } = planLinks(asset({ [SKU]: ['SKU-1'] }, { name: undefined }), MAPPING, CATALOG)
    assert.match(problems[0]!.message, new RegExp(`^asset ${ID} has no asset type`))
  })
})

describe('linkKey', () => {
  const base = link('product:SKU-1', 'packshot_image')
  it('differs by target kind, code, attribute, locale and scope', () => {
    const variants = [
      base,
      { ...base, target: { type: 'product_model' as const, code: 'SKU-1' } },
      { ...base, target: { type: 'product' as const, code: 'SKU-2' } },
      { ...base, attribute: 'manual' },
      { ...base, locale: 'en_US' },
      { ...base, scope: 'ecommerce' }
    ]
    assert.equal(new Set(variants.map(linkKey)).size, variants.length)
  })
  it('ignores what is written there (source, url): the same Akeneo value', () => {
    const derivative: DesiredLink = { ...base, source: 'webimage', url: 'https://cdn.example/webimage.png' }
    assert.equal(linkKey(derivative), linkKey(base))
  })
  it('keeps parts apart whatever characters they hold', () => {
    assert.notEqual(linkKey({ ...base, target: { type: 'product', code: 'a|b' }, attribute: 'c' }), linkKey({ ...base, target: { type: 'product', code: 'a' }, attribute: 'b|c' }))
  })
})

describe('attributesToLookUp', () => {
  it('lists the attributes the planner will ask about: mapped, direct and slot attributes', () => {
    const subject = asset({ [SKU]: ['SKU-1'], [TYPE]: ['Packshot', 'application', 'manual', 'Lifestyle'], [SORT]: ['3'] })
    assert.deepEqual(attributesToLookUp(subject, MAPPING), ['Lifestyle', 'application_image_3', 'manual', 'packshot_image'])
  })
  it('lists nothing when there is nothing to place', () => {
    assert.deepEqual(attributesToLookUp(asset({ [TYPE]: ['Packshot'] }), MAPPING), [])
    assert.deepEqual(attributesToLookUp(asset({ [SKU]: ['SKU-1'], [TYPE]: ['Packshot'] }, { archive: true }), MAPPING), [])
    assert.deepEqual(attributesToLookUp(asset({ [SKU]: ['SKU-1'], [TYPE]: ['application'], [SORT]: ['x'] }), MAPPING), [])
  })
  it('is enough: planning with only those attributes gives the full plan', () => {
    const subject = asset({ [SKU]: ['SKU-1'], [TYPE]: ['Packshot', 'application'], [SORT]: ['2'] })
    const only = new Map(attributesToLookUp(subject, MAPPING).map((code) => [code, CATALOG.get(code)!]))
    assert.deepEqual(planLinks(subject, MAPPING, only), planLinks(subject, MAPPING, CATALOG))
  })
})

describe('PROBLEM_KIND', () => {
  it('says which problems are not failures and which may resolve on their own', () => {
    assert.deepEqual(Object.entries(PROBLEM_KIND).filter(([, kind]) => kind !== 'permanent').sort(), [
      ['archived', 'info'], ['derivative_missing', 'transient'], ['no_targets', 'info']
    ])
  })
})
