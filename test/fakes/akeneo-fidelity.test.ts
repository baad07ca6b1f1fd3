import assert from 'node:assert/strict'
import { test } from 'node:test'
import { formatAkeneoDate } from '../../src/clients/akeneo/akeneo-date.js'
import { addProduct, startFakeAkeneo } from './akeneo/index.js'
import { findProductByIdentifier } from './akeneo/state.js'
import { raw, rawToken } from './akeneo/harness.js'

test('behind a TLS-terminating proxy the emulator writes its list links with the scheme and host it was told, not the one called', async () => {
  const fake = await startFakeAkeneo({ linkBaseUrl: 'http://pim-internal:8080' })
  try {
    const token = await rawToken(fake)
    const page = (await raw(fake, token, 'GET', '/api/rest/v1/products-uuid?pagination_type=search_after&limit=1')).json()
    assert.match(page._links.next.href, /^http:\/\/pim-internal:8080\/api\/rest\/v1\/products-uuid\?.*search_after=/)
    assert.match(page._links.self.href, /^http:\/\/pim-internal:8080\//)
  } finally { await fake.close() }
})

test('a PIM west of UTC reads filter dates as its own wall time: a UTC bound is in its future and lists nothing', async () => {
  const fake = await startFakeAkeneo({ timeZone: 'America/Los_Angeles' })
  try {
    const token = await rawToken(fake)
    addProduct(fake.state, { identifier: 'changed-now', updated: Date.now() })
    const since = new Date(Date.now() - 60_000)
    const list = async (wall: string): Promise<string[]> => {
      const search = encodeURIComponent(JSON.stringify({ updated: [{ operator: '>', value: wall }] }))
      const page = (await raw(fake, token, 'GET', `/api/rest/v1/products-uuid?search=${search}&limit=100`)).json()
      return page._embedded.items.map((p: { values: { sku: Array<{ data: string }> } }) => p.values.sku[0]?.data)
    }
    assert.deepEqual(await list(formatAkeneoDate(since, 'America/Los_Angeles')), ['changed-now'])
    assert.deepEqual(await list(formatAkeneoDate(since, 'UTC')), [], 'the UTC wall time is hours ahead in Los Angeles')
  } finally { await fake.close() }
})

test('a model change does not bump its variants\' updated, yet an updated search lists them through their parent or grandparent', async () => {
  const fake = await startFakeAkeneo()
  try {
    const token = await rawToken(fake)
    const red = fake.uuids['tshirt-red'] as string
    const before = fake.state.products.get(red)!.updated
    const since = formatAkeneoDate(new Date(Date.now() - 60_000))
    const listed = async (): Promise<string[]> => {
      const search = encodeURIComponent(JSON.stringify({ updated: [{ operator: '>', value: since }] }))
      const page = (await raw(fake, token, 'GET', `/api/rest/v1/products-uuid?search=${search}&limit=100`)).json()
      return page._embedded.items.map((p: { values: { sku: Array<{ data: string }> } }) => p.values.sku[0]?.data).sort()
    }
    assert.deepEqual(await listed(), [])
    const patched = await raw(fake, token, 'PATCH', '/api/rest/v1/product-models/tshirt', { json: { values: { name: [{ locale: 'en_US', scope: null, data: 'Tee' }] } } })
    assert.equal(patched.status, 204)
    assert.equal(fake.state.products.get(red)!.updated, before, 'the variant itself is not saved')
    const shown = (await raw(fake, token, 'GET', `/api/rest/v1/products-uuid/${red}`)).json()
    assert.ok(Date.parse(shown.updated) < Date.now() - 60_000)
    assert.deepEqual(await listed(), ['tshirt-blue', 'tshirt-red'])

    // Two levels: the root model changes, the sub-model and the variants do not.
    const tshirt = fake.state.productModels.get('tshirt')!
    tshirt.updated = before
    fake.state.productModels.set('apparel', { ...tshirt, code: 'apparel', parent: null, updated: Date.now() })
    tshirt.parent = 'apparel'
    assert.deepEqual(await listed(), ['tshirt-blue', 'tshirt-red'])
  } finally { await fake.close() }
})

test('a PIM before 7.0 has no products-uuid routes and no uuid; 6.0 says its version, 5.0 has no system-information', async () => {
  for (const version of ['5.0', '6.0'] as const) {
    const fake = await startFakeAkeneo({ version })
    try {
      const token = await rawToken(fake)
      assert.equal((await raw(fake, token, 'GET', '/api/rest/v1/products-uuid?limit=1')).status, 404)
      assert.equal((await raw(fake, token, 'GET', `/api/rest/v1/products-uuid/${fake.uuids.mug as string}`)).status, 404)
      const mug = (await raw(fake, token, 'GET', '/api/rest/v1/products/mug')).json()
      assert.deepEqual([mug.identifier, 'uuid' in mug], ['mug', false])
      const info = await raw(fake, token, 'GET', '/api/rest/v1/system-information')
      if (version === '5.0') assert.equal(info.status, 404)
      else assert.deepEqual(info.json(), { version: '6.0.28', edition: 'CE' })
    } finally { await fake.close() }
  }
})

test('EE with edit but not own rights: PATCH and upload answer 2xx yet change nothing (a draft); view only is 403; CE ignores rights', async () => {
  const fake = await startFakeAkeneo({ edition: 'EE', defaultRight: 'edit' })
  try {
    const token = await rawToken(fake)
    const uuid = fake.uuids.mug as string
    const before = structuredClone(fake.state.products.get(uuid)!)
    const read = async (): Promise<{ metadata: { workflow_status: string } }> => (await raw(fake, token, 'GET', `/api/rest/v1/products-uuid/${uuid}`)).json()
    assert.equal((await read()).metadata.workflow_status, 'working_copy', 'no draft yet: EE still says working_copy')
    const patched = await raw(fake, token, 'PATCH', `/api/rest/v1/products-uuid/${uuid}`, { json: { values: { name: [{ locale: 'en_US', scope: null, data: 'Draft mug' }] } } })
    assert.equal(patched.status, 204)
    const form = new FormData()
    form.append('product', JSON.stringify({ identifier: 'mug', attribute: 'packshot_image', scope: null, locale: null }))
    form.append('file', new Blob([Buffer.from('img')]), 'photo.png')
    const uploaded = await raw(fake, token, 'POST', '/api/rest/v1/media-files', { body: form })
    assert.equal(uploaded.status, 201)
    assert.match(uploaded.headers.get('location') ?? '', /\/media-files\/.+_photo\.png$/)
    assert.deepEqual(fake.state.products.get(uuid), before, 'nothing applied, nothing saved')
    assert.equal(fake.changes.length, 0, 'no change event')
    assert.equal((await read()).metadata.workflow_status, 'draft_in_progress')

    fake.state.rights.set(`product:${uuid}`, 'view')
    assert.equal((await raw(fake, token, 'PATCH', `/api/rest/v1/products-uuid/${uuid}`, { json: { values: { name: [{ locale: 'en_US', scope: null, data: 'x' }] } } })).status, 403)
    assert.equal((await read()).metadata.workflow_status, 'read_only')
    fake.state.rights.set(`product:${uuid}`, 'own')
    assert.equal((await raw(fake, token, 'PATCH', `/api/rest/v1/products-uuid/${uuid}`, { json: { values: { name: [{ locale: 'en_US', scope: null, data: 'Owned mug' }] } } })).status, 204)
    assert.equal(findProductByIdentifier(fake.state, 'mug')?.values.name?.[0]?.data, 'Owned mug')
  } finally { await fake.close() }
  const ce = await startFakeAkeneo({ defaultRight: 'edit' })
  try {
    const token = await rawToken(ce)
    const shown = (await raw(ce, token, 'GET', `/api/rest/v1/products-uuid/${ce.uuids.mug as string}`)).json()
    assert.equal('metadata' in shown, false, 'CE shows no metadata')
  } finally { await ce.close() }
})
