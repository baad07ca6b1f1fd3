import assert from 'node:assert/strict'
import { test } from 'node:test'
import { startFakeAkeneo } from './akeneo/index.js'
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
