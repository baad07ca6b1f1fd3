import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildTestApp, TEST_ADMIN_TOKEN } from '../helpers/build-test-app.js'

describe('GET /links (admin)', () => {
  it('refuses without the admin token and answers the filtered registry with it', async () => {
    const t = await buildTestApp()
    try {
      assert.equal((await t.app.inject({ method: 'GET', url: '/links' })).statusCode, 401)
      await t.app.store.links.save({
        credentialCode: 'bynder', assetId: 'A1', assetName: 'front', assetDateModified: '2026-05-01T10:00:00Z',
        targetType: 'product_model', targetCode: 'tshirt', productUuid: null, attribute: 'packshot_image', locale: 'en_US', scope: null,
        slotKey: 'k', source: 'webimage', writeKind: 'media_file', status: 'linked', value: 'a/b/code.jpg', fileFingerprint: null, updatedAt: Date.parse('2026-05-01T10:00:05Z')
      })
      const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` }
      const found = await t.app.inject({ method: 'GET', url: '/links?product=tshirt', headers: auth })
      assert.equal(found.statusCode, 200)
      assert.deepEqual(found.json().items.map((i: Record<string, unknown>) => [i.asset_id, i.target_type, i.locale, i.value, i.updated_at]),
        [['A1', 'product_model', 'en_US', 'a/b/code.jpg', '2026-05-01T10:00:05.000Z']])
      assert.deepEqual((await t.app.inject({ method: 'GET', url: '/links?asset=other', headers: auth })).json().items, [])
      assert.equal((await t.app.inject({ method: 'GET', url: '/links?limit=0', headers: auth })).statusCode, 400)
    } finally {
      await t.close()
    }
  })
})
