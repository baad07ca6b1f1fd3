import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { diffLinks, targetKey, targetsWhoseValuesMatter, type RegisteredLink, type TargetState } from '../../src/sync/link-diff.js'
import { linkKey, type DesiredLink } from '../../src/sync/link-plan-types.js'

const V1 = '2026-04-02T09:00:00Z'
const V2 = '2026-04-03T09:00:00Z'

function link (code: string, attribute = 'packshot_image', extra: Partial<DesiredLink> = {}): DesiredLink {
  return { assetId: 'A', target: { type: 'product', code }, attribute, locale: null, scope: null, source: 'original', write: 'media_file', url: null, ...extra }
}
function row (code: string, value: string | null, extra: Partial<RegisteredLink> = {}): RegisteredLink {
  const base = link(code, extra.attribute ?? 'packshot_image')
  return { slotKey: linkKey(base), assetDateModified: V1, targetType: 'product', targetCode: code, attribute: base.attribute, locale: null, scope: null, source: 'original', status: 'linked', value, fileFingerprint: null, ...extra }
}
function holding (code: string, attribute: string, data: unknown): [string, TargetState] {
  return [targetKey({ type: 'product', code }), { values: { [attribute]: [{ locale: null, scope: null, data }] } }]
}
const kinds = (actions: ReturnType<typeof diffLinks>): string[] =>
  actions.map((a) => `${a.kind}:${'link' in a ? a.link.target.code + '/' + a.link.attribute : a.row.targetCode + '/' + a.row.attribute}`)

describe('diffLinks: desired links vs registry vs Akeneo', () => {
  const cases: Array<{ name: string, args: Parameters<typeof diffLinks>[0], expected: string[] }> = [
    { name: 'a new link to an existing product is written', args: { assetDateModified: V1, desired: [link('p1')], registered: [], targets: new Map([holding('p1', 'name', 'x')]) }, expected: ['write:p1/packshot_image'] },
    { name: 'a missing product is waited for, not written', args: { assetDateModified: V1, desired: [link('p1')], registered: [], targets: new Map([[targetKey({ type: 'product', code: 'p1' }), null]]) }, expected: ['wait:p1/packshot_image'] },
    { name: 'same version, value still in place: skipped (re-delivery, echo)', args: { assetDateModified: V1, desired: [link('p1')], registered: [row('p1', 'a/b/code.jpg')], targets: new Map([holding('p1', 'packshot_image', 'a/b/code.jpg')]) }, expected: ['skip:p1/packshot_image'] },
    { name: 'new asset version: written again', args: { assetDateModified: V2, desired: [link('p1')], registered: [row('p1', 'a/b/code.jpg')], targets: new Map([holding('p1', 'packshot_image', 'a/b/code.jpg')]) }, expected: ['write:p1/packshot_image'] },
    { name: 'same version but the value was replaced in Akeneo: written again', args: { assetDateModified: V1, desired: [link('p1')], registered: [row('p1', 'a/b/code.jpg')], targets: new Map([holding('p1', 'packshot_image', 'by/hand.jpg')]) }, expected: ['write:p1/packshot_image'] },
    { name: 'another derivative chosen: written again', args: { assetDateModified: V1, desired: [link('p1', 'packshot_image', { source: 'webimage', url: 'https://x/w.png' })], registered: [row('p1', 'a/b/code.jpg')], targets: new Map([holding('p1', 'packshot_image', 'a/b/code.jpg')]) }, expected: ['write:p1/packshot_image'] },
    { name: 'a media link after a metadata-only edit (same file fingerprint): skipped', args: { assetDateModified: V2, assetFingerprint: 'ITEM-1', desired: [link('p1')], registered: [row('p1', 'a/b/code.jpg', { fileFingerprint: 'ITEM-1' })], targets: new Map([holding('p1', 'packshot_image', 'a/b/code.jpg')]) }, expected: ['skip:p1/packshot_image'] },
    { name: 'a media link after a new file version (other fingerprint): written again', args: { assetDateModified: V2, assetFingerprint: 'ITEM-2', desired: [link('p1')], registered: [row('p1', 'a/b/code.jpg', { fileFingerprint: 'ITEM-1' })], targets: new Map([holding('p1', 'packshot_image', 'a/b/code.jpg')]) }, expected: ['write:p1/packshot_image'] },
    { name: 'a media link with a new dateModified and no fingerprint to compare: written again', args: { assetDateModified: V2, desired: [link('p1')], registered: [row('p1', 'a/b/code.jpg', { fileFingerprint: 'ITEM-1' })], targets: new Map([holding('p1', 'packshot_image', 'a/b/code.jpg')]) }, expected: ['write:p1/packshot_image'] },
    { name: 'a URL link still in place after a metadata-only edit: skipped', args: { assetDateModified: V2, desired: [link('p1', 'image_url', { write: 'url', url: 'https://same' })], registered: [row('p1', 'https://same', { attribute: 'image_url' })], targets: new Map([holding('p1', 'image_url', 'https://same')]) }, expected: ['skip:p1/image_url'] },
    { name: 'a URL link whose URL changed: written again', args: { assetDateModified: V1, desired: [link('p1', 'image_url', { write: 'url', url: 'https://new' })], registered: [row('p1', 'https://old', { attribute: 'image_url' })], targets: new Map([holding('p1', 'image_url', 'https://old')]) }, expected: ['write:p1/image_url'] },
    { name: 'no longer named, our value in place: unlinked', args: { assetDateModified: V1, desired: [], registered: [row('p1', 'a/b/code.jpg')], targets: new Map([holding('p1', 'packshot_image', 'a/b/code.jpg')]) }, expected: ['unlink:p1/packshot_image'] },
    { name: 'no longer named, value replaced by hand: forgotten, not cleared', args: { assetDateModified: V1, desired: [], registered: [row('p1', 'a/b/code.jpg')], targets: new Map([holding('p1', 'packshot_image', 'by/hand.jpg')]) }, expected: ['forget:p1/packshot_image'] },
    { name: 'no longer named, target deleted: forgotten', args: { assetDateModified: V1, desired: [], registered: [row('p1', 'a/b/code.jpg')], targets: new Map([[targetKey({ type: 'product', code: 'p1' }), null]]) }, expected: ['forget:p1/packshot_image'] },
    { name: 'a waiting row no longer wanted: forgotten', args: { assetDateModified: V1, desired: [], registered: [row('p1', null, { status: 'waiting' })], targets: new Map() }, expected: ['forget:p1/packshot_image'] },
    { name: 'deleted asset (no version): every registered link is unlinked', args: { assetDateModified: null, desired: [], registered: [row('p1', 'c1'), row('p2', 'c2')], targets: new Map([holding('p1', 'packshot_image', 'c1'), holding('p2', 'packshot_image', 'c2')]) }, expected: ['unlink:p1/packshot_image', 'unlink:p2/packshot_image'] },
    { name: 'moved to another attribute: new one written, old one unlinked', args: { assetDateModified: V2, desired: [link('p1', 'application_image_1')], registered: [row('p1', 'c1')], targets: new Map([holding('p1', 'packshot_image', 'c1')]) }, expected: ['write:p1/application_image_1', 'unlink:p1/packshot_image'] }
  ]
  for (const c of cases) {
    it(c.name, () => { assert.deepEqual(kinds(diffLinks(c.args)), c.expected) })
  }

  // What lets the handler skip a read: a target outside the set decides nothing by its values.
  for (const c of cases) {
    it(`values outside targetsWhoseValuesMatter change nothing: ${c.name}`, () => {
      const matter = targetsWhoseValuesMatter(c.args)
      const swaps: TargetState[] = [{ values: {} }, { values: { packshot_image: [{ locale: null, scope: null, data: 'by/hand.jpg' }] } }]
      for (const swap of swaps) {
        const targets = new Map<string, TargetState>([...c.args.targets].map(([key, state]) => [key, matter.has(key) || state === null ? state : swap]))
        assert.deepEqual(kinds(diffLinks({ ...c.args, targets })), c.expected)
      }
    })
  }
})

describe('targetsWhoseValuesMatter: which targets the diff needs read', () => {
  const p1 = targetKey({ type: 'product', code: 'p1' })
  const matter = (args: Omit<Parameters<typeof targetsWhoseValuesMatter>[0], 'assetDateModified'> & { assetDateModified?: string | null }): string[] =>
    [...targetsWhoseValuesMatter({ assetDateModified: V1, ...args })]
  it('a new media link (no row of ours in the slot): none', () => { assert.deepEqual(matter({ desired: [link('p1')], registered: [] }), []) })
  it('a new file version over our row: none (written whatever the slot holds)', () => {
    assert.deepEqual(matter({ assetDateModified: V2, assetFingerprint: 'ITEM-2', desired: [link('p1')], registered: [row('p1', 'c', { fileFingerprint: 'ITEM-1' })] }), [])
  })
  it('same version or same file: the slot, to tell skip from write', () => {
    assert.deepEqual(matter({ desired: [link('p1')], registered: [row('p1', 'c')] }), [p1])
    assert.deepEqual(matter({ assetDateModified: V2, assetFingerprint: 'ITEM-1', desired: [link('p1')], registered: [row('p1', 'c', { fileFingerprint: 'ITEM-1' })] }), [p1])
  })
  it('a URL link: always (its PATCH addresses the entity read)', () => {
    assert.deepEqual(matter({ desired: [link('p1', 'image_url', { write: 'url', url: 'https://x' })], registered: [] }), [p1])
  })
  it('a linked row no longer wanted: its target (cleared only if our value is still there); a waiting one: none', () => {
    assert.deepEqual(matter({ desired: [], registered: [row('p1', 'c')] }), [p1])
    assert.deepEqual(matter({ desired: [], registered: [row('p1', null, { status: 'waiting' })] }), [])
  })
})
