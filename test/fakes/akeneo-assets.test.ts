import assert from 'node:assert/strict'
import { request as httpRequest } from 'node:http'
import { after, before, describe, it } from 'node:test'
import { seedAssetFamilies } from './akeneo/asset-seed.js'
import { addAsset, assetManagerOf } from './akeneo/asset-state.js'
import { raw, rawToken } from './akeneo/harness.js'
import { startFakeAkeneo, type FakeAkeneo } from './akeneo/index.js'

const FAMILIES = '/api/rest/v1/asset-families'
const ASSETS = `${FAMILIES}/packshots/assets`
const v = (data: unknown, locale: string | null = null, channel: string | null = null): unknown[] => [{ locale, channel, data }]

let fake: FakeAkeneo
let token: string
before(async () => {
  fake = await startFakeAkeneo()
  seedAssetFamilies(fake.state, { mediaLinkPrefix: 'https://cdn.example.com/' })
  token = await rawToken(fake)
})
after(async () => { await fake.close() })

const call = async (method: string, path: string, init: Parameters<typeof raw>[4] = {}): ReturnType<typeof raw> => await raw(fake, token, method, path, init)
const errorOf = async (method: string, path: string, json: unknown, status = 422): Promise<string> => {
  const answer = await call(method, path, { json })
  assert.equal(answer.status, status, answer.text)
  const body = answer.json()
  return [body.message, ...(body.errors ?? []).map((e: { message: string }) => e.message)].join(' | ')
}

describe('asset families and their attributes', () => {
  it('shows a family with its main media, naming convention, link rules and transformations', async () => {
    const family = (await call('GET', `${FAMILIES}/packshots`)).json()
    assert.equal(family.attribute_as_main_media, 'media')
    assert.deepEqual([family.naming_convention, family.product_link_rules, family.transformations], [{}, [], []])
    const list = (await call('GET', FAMILIES)).json()
    assert.deepEqual(list._embedded.items.map((f: { code: string }) => f.code), ['manuals', 'packshots'])
  })

  it('refuses a family code in another case', async () => {
    assert.equal((await call('GET', `${FAMILIES}/Packshots`)).status, 404)
    assert.equal((await call('GET', `${FAMILIES}/Packshots/assets`)).status, 404)
    assert.equal((await call('PATCH', `${FAMILIES}/Packshots/assets/a1`, { json: { code: 'a1' } })).status, 404)
  })

  it('lists attributes as a plain array, with media_link prefix/suffix/media_type and media_file extensions', async () => {
    const attributes = (await call('GET', `${FAMILIES}/packshots/attributes`)).json()
    assert.ok(Array.isArray(attributes))
    const media = attributes.find((a: { code: string }) => a.code === 'media')
    assert.deepEqual([media.type, media.prefix, media.suffix, media.media_type], ['media_link', 'https://cdn.example.com/', null, 'image'])
    const file = (await call('GET', `${FAMILIES}/manuals/attributes/file`)).json()
    assert.deepEqual([file.type, file.media_type, file.allowed_extensions], ['media_file', 'pdf', ['pdf', 'png', 'jpg']])
    assert.equal((await call('GET', `${FAMILIES}/manuals/attributes/media`)).status, 404)
  })
})

describe('assets', () => {
  it('creates with PATCH (201), updates (204) and shows values with channel', async () => {
    const created = await call('PATCH', `${ASSETS}/shoe_1`, { json: { code: 'shoe_1', values: { media: v('m/shoe.png'), caption: v('Shoe', null, 'ecommerce') } } })
    assert.equal(created.status, 201)
    assert.match(created.headers.get('location') ?? '', /\/asset-families\/packshots\/assets\/shoe_1$/)
    assert.equal((await call('PATCH', `${ASSETS}/shoe_1`, { json: { values: { title: v('Red shoe') } } })).status, 204)
    const asset = (await call('GET', `${ASSETS}/shoe_1`)).json()
    assert.deepEqual(asset.values.caption, [{ locale: null, channel: 'ecommerce', data: 'Shoe' }])
    assert.deepEqual(Object.keys(asset.values).sort(), ['caption', 'media', 'title'])
    assert.match(asset.updated, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/)
  })

  it('refuses a value that says scope instead of channel', async () => {
    const message = await errorOf('PATCH', `${ASSETS}/shoe_2`, { values: { caption: [{ locale: null, scope: 'ecommerce', data: 'Shoe' }] } })
    assert.match(message, /"scope" does not exist/)
    assert.equal(assetManagerOf(fake.state).families.get('packshots')?.assets.has('shoe_2'), false)
  })

  it('refuses asset codes other than letters, digits and underscores', async () => {
    for (const code of ['bynder-0E24', 'with space', 'é']) {
      assert.match(await errorOf('PATCH', `${ASSETS}/${encodeURIComponent(code)}`, { values: {} }), /only letters, numbers and underscores/)
    }
    // In a bulk body: a 256-character path segment would hit the emulator's own URL limit first.
    const [long] = (await call('PATCH', ASSETS, { json: [{ code: 'a'.repeat(256), values: {} }] })).json()
    assert.equal(long.status_code, 422)
    assert.match(long.errors[0].message, /255 characters/)
  })

  it('refuses a code already taken in another family, or differing only in case', async () => {
    assert.equal((await call('PATCH', `${FAMILIES}/manuals/assets/guide_1`, { json: { values: {} } })).status, 201)
    assert.match(await errorOf('PATCH', `${ASSETS}/guide_1`, { values: {} }), /already exists/)
    assert.match(await errorOf('PATCH', `${FAMILIES}/manuals/assets/GUIDE_1`, { values: {} }), /already exists/)
  })

  it('validates values against the family: attribute, locale, channel and data type', async () => {
    const path = `${ASSETS}/shoe_3`
    assert.match(await errorOf('PATCH', path, { values: { weight: v('1') } }), /does not exist in the "packshots" asset family/)
    assert.match(await errorOf('PATCH', path, { values: { alt_text: v('Alt') } }), /a locale is expected/)
    assert.match(await errorOf('PATCH', path, { values: { title: v('T', null, 'ecommerce') } }), /no value per channel/)
    assert.match(await errorOf('PATCH', path, { values: { caption: v('C', null, 'web') } }), /channel "web" does not exist/)
    assert.match(await errorOf('PATCH', path, { values: { usage: v('tv') } }), /option "tv" does not exist/)
    assert.match(await errorOf('PATCH', path, { values: { colors: v(['red', 'pink']) } }), /existing option codes/)
    assert.match(await errorOf('PATCH', path, { values: { media: v(42) } }), /expects a string/)
    assert.match(await errorOf('PATCH', path, { code: 'other', values: {} }), /must match the code/)
    assert.match(await errorOf('PATCH', path, { values: {}, family: 'x' }), /Property "family" does not exist/)
  })

  it('merges per attribute and (locale, channel); null erases; an unchanged PATCH keeps updated', async () => {
    const path = `${ASSETS}/shoe_4`
    await call('PATCH', path, { json: { values: { alt_text: [...v('Shoe', 'en_US'), ...v('Chaussure', 'fr_FR')] } } })
    assert.equal((await call('PATCH', path, { json: { values: { alt_text: v(null, 'en_US') } } })).status, 204)
    const asset = assetManagerOf(fake.state).families.get('packshots')!.assets.get('shoe_4')!
    assert.deepEqual(asset.values.alt_text, [{ locale: 'fr_FR', channel: null, data: 'Chaussure' }])
    asset.updated = Date.parse('2026-01-01T00:00:00Z')
    await call('PATCH', path, { json: { values: { alt_text: v('Chaussure', 'fr_FR') } } })
    assert.equal(asset.updated, Date.parse('2026-01-01T00:00:00Z'))
  })

  it('deletes (204), then the asset is gone (404)', async () => {
    await call('PATCH', `${ASSETS}/to_delete`, { json: { values: {} } })
    assert.equal((await call('DELETE', `${ASSETS}/to_delete`)).status, 204)
    assert.equal((await call('GET', `${ASSETS}/to_delete`)).status, 404)
    assert.equal((await call('DELETE', `${ASSETS}/to_delete`)).status, 404)
  })
})

describe('bulk PATCH of assets', () => {
  it('takes a JSON array and answers a JSON array, one status per asset', async () => {
    const answer = await call('PATCH', ASSETS, { json: [{ code: 'bulk_1', values: { title: v('One') } }, { code: 'bulk_2', values: { usage: v('tv') } }, { values: {} }, { code: 'bulk_1', values: { title: v('One') } }] })
    assert.equal(answer.status, 200)
    assert.match(answer.headers.get('content-type') ?? '', /^application\/json/)
    const results = answer.json()
    assert.deepEqual(results.map((r: { code: string | null, status_code: number }) => [r.code, r.status_code]), [['bulk_1', 201], ['bulk_2', 422], [null, 422], ['bulk_1', 204]])
    assert.match(results[1].errors[0].message, /option "tv"/)
  })

  it('one invalid value refuses the whole item: nothing of it is saved, the error names the attribute', async () => {
    const [result] = (await call('PATCH', ASSETS, { json: [{ code: 'bulk_bad', values: { title: v('Kept?'), colors: v(['red', 'pink']) } }] })).json()
    assert.equal(result.status_code, 422)
    assert.deepEqual(result.errors.map((e: { attribute: string }) => e.attribute), ['colors'])
    assert.equal(assetManagerOf(fake.state).families.get('packshots')?.assets.has('bulk_bad'), false)
  })

  it('refuses the products\' NDJSON, a body that is not an array, and more than 100 assets', async () => {
    const ndjson = '{"code":"nd_1","values":{}}\n{"code":"nd_2","values":{}}'
    assert.equal((await call('PATCH', ASSETS, { body: ndjson, contentType: 'application/vnd.akeneo.collection+json' })).status, 415)
    assert.equal((await call('PATCH', ASSETS, { json: { code: 'x' } })).status, 400)
    const many = Array.from({ length: 101 }, (_, i) => ({ code: `many_${i}`, values: {} }))
    assert.equal((await call('PATCH', ASSETS, { json: many })).status, 413)
    assert.equal(assetManagerOf(fake.state).families.get('packshots')?.assets.has('many_0'), false)
  })
})

describe('listing assets', () => {
  it('pages with search_after only, 100 per page, following next', async () => {
    for (let i = 0; i < 105; i++) addAsset(fake.state, 'manuals', `page_${String(i).padStart(3, '0')}`)
    const first = (await call('GET', `${FAMILIES}/manuals/assets`)).json()
    assert.equal(first._embedded.items.length, 100)
    const next = new URL(first._links.next.href)
    const second = (await call('GET', next.pathname + next.search)).json()
    assert.ok(second._embedded.items.length >= 5)
    assert.equal(second._links.next, undefined)
    const codes = [...first._embedded.items, ...second._embedded.items].map((a: { code: string }) => a.code)
    assert.equal(new Set(codes).size, codes.length)
  })

  it('refuses page pagination and a limit', async () => {
    for (const query of ['limit=10', 'page=2', 'pagination_type=page', 'with_count=true']) {
      assert.equal((await call('GET', `${ASSETS}?${query}`)).status, 422, query)
    }
    assert.equal((await call('GET', `${ASSETS}?search_after=not-a-token!`)).status, 422)
  })

  it('filters on code IN and on updated with ISO 8601 dates, refusing the product date format', async () => {
    addAsset(fake.state, 'packshots', 'old_one', {}, Date.parse('2026-11-01T08:00:00Z'))
    addAsset(fake.state, 'packshots', 'new_one', {}, Date.parse('2026-11-20T08:00:00Z'))
    const search = (filter: unknown): string => `${ASSETS}?search=${encodeURIComponent(JSON.stringify(filter))}`
    const byCode = (await call('GET', search({ code: [{ operator: 'IN', value: ['old_one', 'new_one', 'nowhere'] }] }))).json()
    assert.deepEqual(byCode._embedded.items.map((a: { code: string }) => a.code), ['new_one', 'old_one'])
    const since = (await call('GET', search({ updated: [{ operator: 'BETWEEN', value: ['2026-10-31T00:00:00Z', '2026-11-02T00:00:00Z'] }] }))).json()
    assert.deepEqual(since._embedded.items.map((a: { code: string }) => a.code), ['old_one'])
    assert.equal((await call('GET', search({ updated: [{ operator: '>', value: '2026-11-02T00:00:00+00:00' }] }))).status, 200)
    assert.equal((await call('GET', search({ updated: [{ operator: '>', value: '2026-11-02 00:00:00' }] }))).status, 422)
    assert.equal((await call('GET', search({ title: [{ operator: '=', value: 'x' }] }))).status, 422)
    assert.equal((await call('GET', search({ code: [{ operator: '=', value: 'x' }] }))).status, 422)
  })

  it('can answer under _embedded._items, as the API reference shows it', async () => {
    assetManagerOf(fake.state).embeddedKey = '_items'
    try {
      const page = (await call('GET', ASSETS)).json()
      assert.ok(Array.isArray(page._embedded._items))
      assert.equal(page._embedded.items, undefined)
    } finally { assetManagerOf(fake.state).embeddedKey = 'items' }
  })
})

function chunkedUpload (url: string, bearer: string): Promise<number> {
  const boundary = 'xyz'
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="m.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF\r\n--${boundary}--\r\n`
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { authorization: `Bearer ${bearer}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'transfer-encoding': 'chunked' } }, (res) => {
      res.resume()
      res.on('end', () => { resolve(res.statusCode ?? 0) })
    })
    req.on('error', reject)
    req.write(body.slice(0, 40))
    req.end(body.slice(40))
  })
}

describe('asset media files', () => {
  const form = (parts: Record<string, Blob | string>, filename = 'manual.pdf'): FormData => {
    const data = new FormData()
    for (const [name, part] of Object.entries(parts)) {
      if (typeof part === 'string') data.append(name, part)
      else data.append(name, part, filename)
    }
    return data
  }

  it('uploads a file part: 201, empty body, Location and Asset-media-file-code; the code downloads the bytes', async () => {
    const answer = await call('POST', '/api/rest/v1/asset-media-files', { body: form({ file: new Blob(['%PDF-1.4 manual']) }) })
    assert.equal(answer.status, 201)
    assert.equal(answer.text, '')
    const code = answer.headers.get('asset-media-file-code') ?? ''
    assert.match(code, /^[0-9a-f]\/[0-9a-f]\/[0-9a-f]\/[0-9a-f]\/[0-9a-f]{40}_manual\.pdf$/)
    assert.ok((answer.headers.get('location') ?? '').endsWith(`/api/rest/v1/asset-media-files/${code}`))
    const download = await call('GET', `/api/rest/v1/asset-media-files/${code}`)
    assert.equal(download.text, '%PDF-1.4 manual')
    assert.equal((await call('PATCH', `${FAMILIES}/manuals/assets/manual_1`, { json: { values: { file: v(code) } } })).status, 201)
  })

  it('refuses an upload without a file, with other parts, or sent chunked without Content-Length', async () => {
    const upload = async (data: FormData): Promise<number> => (await call('POST', '/api/rest/v1/asset-media-files', { body: data })).status
    assert.equal(await upload(form({ other: new Blob(['x']) })), 422)
    assert.equal(await upload(form({ file: new Blob(['x']), product: '{"identifier":"mug"}' })), 422)
    assert.equal(await chunkedUpload(`${fake.url}/api/rest/v1/asset-media-files`, token), 422)
    assert.equal(assetManagerOf(fake.state).mediaFiles.size, 1)
  })

  it('refuses a media_file value with an unknown code or an extension the attribute does not allow', async () => {
    assert.match(await errorOf('PATCH', `${FAMILIES}/manuals/assets/manual_2`, { values: { file: v('a/b/c/d/missing.pdf') } }), /does not exist/)
    const answer = await call('POST', '/api/rest/v1/asset-media-files', { body: form({ file: new Blob(['zip']) }, 'manual.zip') })
    const code = answer.headers.get('asset-media-file-code') ?? ''
    assert.match(await errorOf('PATCH', `${FAMILIES}/manuals/assets/manual_2`, { values: { file: v(code) } }), /zip file extension is not allowed/)
  })
})

describe('asset collection product attributes', () => {
  const mug = (): string => `/api/rest/v1/products-uuid/${fake.uuids.mug as string}`
  const collection = (data: unknown): unknown => ({ values: { packshots_collection: [{ locale: null, scope: null, data }] } })

  before(async () => {
    for (const code of ['col_a', 'col_b', 'col_c']) await call('PATCH', `${ASSETS}/${code}`, { json: { values: {} } })
  })

  it('shows the family as reference_data_name', async () => {
    const attribute = (await call('GET', '/api/rest/v1/attributes/packshots_collection')).json()
    assert.deepEqual([attribute.type, attribute.reference_data_name], ['pim_catalog_asset_collection', 'packshots'])
  })

  it('keeps the order given, and a PATCH replaces the whole array', async () => {
    assert.equal((await call('PATCH', mug(), { json: collection(['col_b', 'col_a']) })).status, 204)
    assert.deepEqual((await call('GET', mug())).json().values.packshots_collection[0].data, ['col_b', 'col_a'])
    await call('PATCH', mug(), { json: collection(['col_c']) })
    assert.deepEqual((await call('GET', mug())).json().values.packshots_collection[0].data, ['col_c'])
  })

  it('refuses codes that are not assets of that family, repeats and data that is not an array', async () => {
    assert.match(await errorOf('PATCH', mug(), collection(['col_a', 'guide_1'])), /do not exist: guide_1/)
    assert.match(await errorOf('PATCH', mug(), collection(['COL_A'])), /do not exist: COL_A/)
    assert.match(await errorOf('PATCH', mug(), collection(['col_a', 'col_a'])), /only once/)
    assert.match(await errorOf('PATCH', mug(), collection('col_a')), /array of asset codes/)
    assert.deepEqual((await call('GET', mug())).json().values.packshots_collection[0].data, ['col_c'])
  })

  it('keeps a deleted asset\'s code in collections, so writing the stale array back is refused', async () => {
    await call('PATCH', mug(), { json: collection(['col_a', 'col_b']) })
    await call('DELETE', `${ASSETS}/col_b`)
    const held = (await call('GET', mug())).json().values.packshots_collection[0].data
    assert.deepEqual(held, ['col_a', 'col_b'])
    assert.match(await errorOf('PATCH', mug(), collection(held)), /do not exist: col_b/)
    assert.equal((await call('PATCH', mug(), { json: collection(['col_a']) })).status, 204)
  })

  it('links a product model at its level', async () => {
    assert.equal((await call('PATCH', '/api/rest/v1/product-models/tshirt', { json: collection(['col_a']) })).status, 204)
  })
})
