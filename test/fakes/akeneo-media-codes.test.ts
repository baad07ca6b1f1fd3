import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { test } from 'node:test'
import { startFakeAkeneo } from './akeneo/index.js'
import { raw, rawToken } from './akeneo/harness.js'

test('media codes follow Akeneo\'s PathGenerator: sha1 of name and time, never of the bytes', async () => {
  const fake = await startFakeAkeneo()
  try {
    const token = await rawToken(fake)
    const upload = async (): Promise<string> => {
      const form = new FormData()
      form.append('product', JSON.stringify({ identifier: 'mug', attribute: 'packshot_image', scope: null, locale: null }))
      form.append('file', new Blob([Buffer.from('same bytes')]), 'my photo-1.png')
      const answer = await raw(fake, token, 'POST', '/api/rest/v1/media-files', { body: form })
      assert.equal(answer.status, 201)
      return decodeURIComponent((answer.headers.get('location') ?? '').split('/api/rest/v1/media-files/')[1] ?? '')
    }
    const [first, second] = [await upload(), await upload()]
    for (const code of [first, second]) {
      const match = /^(\w)\/(\w)\/(\w)\/(\w)\/([0-9a-f]{40})_my_photo_1\.png$/.exec(code)
      assert.ok(match !== null, code)
      assert.equal(match.slice(1, 5).join(''), match[5]!.slice(0, 4))
      assert.notEqual(match[5], createHash('sha1').update('same bytes').digest('hex'), 'the code does not reveal the content')
    }
    assert.notEqual(first, second, 'the same file uploaded twice gets two codes')
  } finally { await fake.close() }
})
