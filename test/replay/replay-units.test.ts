import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Asset, AssetPage, AssetPageQuery } from '../../src/clients/bynder/index.js'
import { loadMapping } from '../../src/config/mapping-loader.js'
import { listModifiedAssets } from '../../src/replay/asset-listing.js'
import { isAssetSettled } from '../../src/replay/asset-settled.js'
import { openInBatches } from '../../src/replay/batches.js'
import { entityVersion, isVersionSettled, recordEntityVersion } from '../../src/replay/entity-version.js'
import { openSqliteStore } from '../../src/store/sqlite-store.js'
import type { CollectionPlacementRecord } from '../../src/store/collection-registry.js'
import type { LinkRecord } from '../../src/store/link-registry.js'
import type { CollectionLink } from '../../src/sync/collection-links.js'
import { linkKey, type DesiredLink, type LinkPlan } from '../../src/sync/link-planner.js'

const asset = (id: string, dateModified: string): Asset => ({
  id, idHash: '', name: id, type: 'image', dateCreated: dateModified, dateModified, extension: ['jpg'], archive: false,
  isPublic: false, limited: false, watermarked: false, thumbnails: {}, propertyOptions: [], properties: {}
})

/**
 * One page as the client's `listAssetPage` promises it: modified at or after the second of
 * `modifiedAfter`, up until `modifiedBefore`, `dateModified asc` then id, page numbers.
 * `onPage` runs before each page is answered (to edit assets "meanwhile").
 */
function fakeList (assets: Asset[], onPage: (call: number) => void = () => {}): { listAssetPage: (q: AssetPageQuery) => Promise<AssetPage>, calls: AssetPageQuery[] } {
  const calls: AssetPageQuery[] = []
  return {
    calls,
    listAssetPage: async (query) => {
      calls.push(query)
      onPage(calls.length)
      const matching = assets
        .filter((a) => query.modifiedAfter === undefined || Date.parse(a.dateModified) >= query.modifiedAfter.getTime())
        .filter((a) => query.modifiedBefore === undefined || Date.parse(a.dateModified) <= query.modifiedBefore.getTime())
        .sort((a, b) => a.dateModified.localeCompare(b.dateModified) || a.id.localeCompare(b.id))
      const items = matching.slice((query.page - 1) * query.pageSize, query.page * query.pageSize)
      return { size: items.length, assets: items }
    }
  }
}

async function collect (iterable: AsyncIterable<Asset>): Promise<string[]> {
  const ids: string[] = []
  for await (const item of iterable) ids.push(item.id)
  return ids
}

const ACTIVE = { archive: false, limited: false }

describe('listing modified assets page by page (keyset on dateModified)', () => {
  const since = new Date('2026-11-28T10:00:00Z')
  const at = (minute: number): string => `2026-11-28T10:${String(minute).padStart(2, '0')}:00Z`

  it('does not skip an asset when one listed before it is edited during the walk', async () => {
    const assets = ['A', 'B', 'C', 'D', 'E'].map((id, i) => asset(id, at(i + 1)))
    // After the first page (A, B), A is edited: page numbers would now start page 2 at D.
    const list = fakeList(assets, (call) => { if (call === 2) assets[0]!.dateModified = at(30) })
    assert.deepEqual(await collect(listModifiedAssets(list, since, ACTIVE, 2)), ['A', 'B', 'C', 'D', 'E', 'A'])
    // Each page starts at the previous page's last second (its last asset comes again and is skipped).
    assert.deepEqual(list.calls.map((q) => q.modifiedAfter?.toISOString().slice(11, 16)), ['10:00', '10:02', '10:03', '10:04', '10:05', '10:30'])
    assert.ok(list.calls.every((q) => q.orderBy === 'dateModified asc' && q.archive === false && q.limited === false && q.pageSize === 2))
  })

  it('reads a second holding more than a page on its own, then goes on from the next second', async () => {
    const assets = [asset('A', at(1)), asset('B', at(1)), asset('C', at(1)), asset('D', at(1)), asset('E', at(2))]
    const list = fakeList(assets)
    assert.deepEqual(await collect(listModifiedAssets(list, since, { archive: true, limited: false }, 2)), ['A', 'B', 'C', 'D', 'E'])
    const only = list.calls.find((q) => q.modifiedBefore !== undefined)
    assert.deepEqual([only?.modifiedAfter?.toISOString(), only?.modifiedBefore?.toISOString()], [new Date(at(1)).toISOString(), new Date(at(1)).toISOString()])
  })

  it('stops after a short page: one call for a quiet window', async () => {
    const list = fakeList([asset('A', at(5))])
    assert.deepEqual(await collect(listModifiedAssets(list, since, ACTIVE, 1000)), ['A'])
    assert.equal(list.calls.length, 1)
  })
})

describe('a listed asset is settled', () => {
  const link: DesiredLink = { assetId: 'A', target: { type: 'product', code: 'mug' }, attribute: 'packshot_image', locale: null, scope: null, source: 'original', write: 'media_file', url: null }
  const row = (extra: Partial<LinkRecord> = {}): LinkRecord => ({
    credentialCode: 'bynder', assetId: 'A', assetName: 'A', assetDateModified: at, targetType: 'product', targetCode: 'mug', productUuid: 'u',
    attribute: 'packshot_image', locale: null, scope: null, slotKey: linkKey(link), source: 'original', writeKind: 'media_file',
    status: 'linked', value: 'm/e/d/i/a.jpg', fileFingerprint: null, updatedAt: 0, ...extra
  })
  const at = '2026-11-28T10:00:00Z'
  const plan = (links: DesiredLink[], problems: LinkPlan['problems'] = []): LinkPlan => ({ links, problems })

  it('when the registry holds exactly the planned slots, from this dateModified', () => {
    assert.equal(isAssetSettled({ dateModified: at }, plan([link]), [row()]), true)
    assert.equal(isAssetSettled({ dateModified: at }, plan([]), []), true, 'nothing planned, nothing registered')
  })

  it('not when anything differs: version, slot, source, a waiting row, a URL, a derivative not rendered yet', () => {
    assert.equal(isAssetSettled({ dateModified: '2026-11-28T10:05:00Z' }, plan([link]), [row()]), false)
    assert.equal(isAssetSettled({ dateModified: at }, plan([link]), []), false)
    assert.equal(isAssetSettled({ dateModified: at }, plan([]), [row()]), false)
    assert.equal(isAssetSettled({ dateModified: at }, plan([{ ...link, source: 'webimage' }]), [row()]), false)
    assert.equal(isAssetSettled({ dateModified: at }, plan([link]), [row({ status: 'waiting', value: null })]), false)
    assert.equal(isAssetSettled({ dateModified: at }, plan([{ ...link, write: 'url', url: 'https://cdn/new.png' }]), [row({ writeKind: 'url', value: 'https://cdn/old.png' })]), false)
    const late = { code: 'derivative_missing' as const, assetId: 'A', message: 'not rendered', mappingKey: 'derivative_to_use' }
    assert.equal(isAssetSettled({ dateModified: at }, plan([], [late]), []), false)
  })

  it('asset collections from the collection registry: settled only when every planned placement is there from this version, and no other', () => {
    const placed: CollectionLink = { target: { type: 'product', code: 'mug' }, attribute: 'packshots_collection', locale: null, scope: null, family: 'packshots', position: 2 }
    const placement = (extra: Partial<CollectionPlacementRecord> = {}): CollectionPlacementRecord => ({
      credentialCode: 'bynder', assetId: 'A', assetCode: 'bynder_A', family: 'packshots', targetType: 'product', targetCode: 'mug',
      attribute: 'packshots_collection', locale: null, scope: null, position: 2, assetDateModified: at, status: 'linked', updatedAt: 0, ...extra
    })
    const withCollections = (collections: CollectionLink[]) => ({ ...plan([]), collections })
    assert.equal(isAssetSettled({ dateModified: at }, withCollections([placed]), [], [placement()]), true)
    assert.equal(isAssetSettled({ dateModified: at }, withCollections([placed]), [], []), false, 'not placed yet')
    assert.equal(isAssetSettled({ dateModified: at }, withCollections([placed]), [], [placement({ assetDateModified: '2026-11-28T09:00:00Z' })]), false, 'an older version')
    assert.equal(isAssetSettled({ dateModified: at }, withCollections([placed]), [], [placement({ assetDateModified: null })]), false, 'a row from before versions were kept')
    assert.equal(isAssetSettled({ dateModified: at }, withCollections([{ ...placed, position: 1 }]), [], [placement()]), false, 'another sort order')
    assert.equal(isAssetSettled({ dateModified: at }, withCollections([placed]), [], [placement({ status: 'waiting' })]), false, 'waiting for its product')
    assert.equal(isAssetSettled({ dateModified: at }, withCollections([]), [], [placement()]), false, 'a placement the plan no longer names: still to be removed')
    assert.equal(isAssetSettled({ dateModified: at }, withCollections([placed]), [], [placement(), placement({ targetCode: 'cap' })]), false)
    assert.equal(isAssetSettled({ dateModified: at }, plan([link]), [row()], [placement()]), false, 'media links settled, a collection row left over')
  })
})

describe('entity versions', () => {
  const mapping = loadMapping('mappings/bynder_attribute_mappings.yml')
  const product = { updated: '2026-11-28T10:00:00+00:00' }

  it('are `<updated>|<mapping hash>`; another mapping or another `updated` is another version', () => {
    const version = entityVersion(product, mapping)
    assert.match(version ?? '', /^2026-11-28T10:00:00\+00:00\|[0-9a-f]{16}$/)
    assert.notEqual(entityVersion(product, { ...mapping, derivative_to_use: 'webimage' }), version)
    assert.equal(entityVersion({}, mapping), null, 'no updated: never settled')
    assert.equal(isVersionSettled(version!, product, mapping, 'update-properties'), true)
    assert.equal(isVersionSettled(version!, { updated: '2026-11-28T10:00:01+00:00' }, mapping, 'update-properties'), false)
  })

  it('record the jobs that ran, merged per version, so one job\'s replay does not undo the other\'s record', async () => {
    const store = openSqliteStore(':memory:')
    await recordEntityVersion(store.versions, 'product', 'u-1', product, mapping, new Set(['update-properties']), 1)
    let stored = (await store.versions.get(['product:u-1'])).get('product:u-1')
    assert.equal(isVersionSettled(stored, product, mapping, 'update-properties'), true)
    assert.equal(isVersionSettled(stored, product, mapping, 'update-mapped-properties'), false)
    await recordEntityVersion(store.versions, 'product', 'u-1', product, mapping, new Set(['update-mapped-properties']), 2)
    stored = (await store.versions.get(['product:u-1'])).get('product:u-1')
    assert.equal(stored, entityVersion(product, mapping), 'both jobs: the plain version')
    await recordEntityVersion(store.versions, 'product', 'u-1', { updated: '2026-11-28T11:00:00+00:00' }, mapping, new Set(['update-properties']), 3)
    stored = (await store.versions.get(['product:u-1'])).get('product:u-1')
    assert.equal(isVersionSettled(stored, { updated: '2026-11-28T11:00:00+00:00' }, mapping, 'update-mapped-properties'), false, 'a newer version starts over')
    await store.close()
  })
})

describe('openInBatches (listed entities judged as they stream)', () => {
  async function * count (n: number): AsyncGenerator<number> { for (let i = 1; i <= n; i++) yield i }
  const batches = async (n: number, size: number): Promise<number[][]> => {
    const out: number[][] = []
    for await (const open of openInBatches(count(n), size, async (i) => i % 3 === 0)) out.push(open)
    return out
  }

  it('yields, per `size` items read, only the ones that need work, an empty batch included', async () => {
    assert.deepEqual(await batches(7, 2), [[], [3], [6], []])
    assert.deepEqual(await batches(6, 3), [[3], [6]])
    assert.deepEqual(await batches(0, 3), [])
  })
  it('judges each item before the next one is read', async () => {
    const order: string[] = []
    async function * listed (): AsyncGenerator<number> { for (let i = 1; i <= 3; i++) { order.push(`read ${i}`); yield i } }
    for await (const open of openInBatches(listed(), 10, async (i) => { order.push(`judged ${i}`); return true })) order.push(`batch ${open.join(',')}`)
    assert.deepEqual(order, ['read 1', 'judged 1', 'read 2', 'judged 2', 'read 3', 'judged 3', 'batch 1,2,3'])
  })
})
