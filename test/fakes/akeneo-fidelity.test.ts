import assert from 'node:assert/strict'
import { test } from 'node:test'
import { formatAkeneoDate } from '../../src/clients/akeneo/akeneo-date.js'
import { addProduct, startFakeAkeneo } from './akeneo/index.js'
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
