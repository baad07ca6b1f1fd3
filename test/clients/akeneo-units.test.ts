import assert from 'node:assert/strict'
import { text } from 'node:stream/consumers'
import { Readable } from 'node:stream'
import { test } from 'node:test'
import { formatAkeneoDate } from '../../src/clients/akeneo/akeneo-date.js'
import { mediaCodeFromLocation, multipartBody } from '../../src/clients/akeneo/media-upload.js'
import { backoffDelay, DEFAULT_RETRY, parseRetryAfter } from '../../src/clients/akeneo/retry-policy.js'
import { searchQueries } from '../../src/clients/akeneo/search.js'
import { writable } from '../../src/clients/akeneo/writable.js'

test('formatAkeneoDate gives YYYY-MM-DD HH:MM:SS in UTC, dropping milliseconds', () => {
  assert.equal(formatAkeneoDate(new Date('2026-11-28T10:00:00.999Z')), '2026-11-28 10:00:00')
  assert.equal(formatAkeneoDate(new Date('2026-03-01T00:30:05+02:00')), '2026-02-28 22:30:05')
  assert.throws(() => formatAkeneoDate(new Date('nope')), RangeError)
})

test('formatAkeneoDate writes the wall time of the PIM server\'s time zone, daylight saving included', () => {
  assert.equal(formatAkeneoDate(new Date('2026-11-28T10:00:00Z'), 'America/Los_Angeles'), '2026-11-28 02:00:00')
  assert.equal(formatAkeneoDate(new Date('2026-07-01T10:00:00Z'), 'America/Los_Angeles'), '2026-07-01 03:00:00')
  assert.equal(formatAkeneoDate(new Date('2026-07-01T23:30:00Z'), 'Europe/Paris'), '2026-07-02 01:30:00')
  assert.equal(formatAkeneoDate(new Date('2026-01-01T00:00:00Z'), 'UTC'), '2026-01-01 00:00:00')
  assert.throws(() => formatAkeneoDate(new Date(), 'Mars/Olympus_Mons'), RangeError)
})

test('backoff grows exponentially, stays within half to all of the step, and is capped', () => {
  const settings = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 }
  assert.equal(backoffDelay(0, settings, () => 0), 50)
  assert.equal(backoffDelay(0, settings, () => 1), 100)
  assert.equal(backoffDelay(2, settings, () => 1), 400)
  assert.equal(backoffDelay(10, settings, () => 1), 1000)
})

test('Retry-After is read as seconds or an HTTP date', () => {
  assert.equal(parseRetryAfter('3'), 3000)
  assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')), 10_000)
  assert.equal(parseRetryAfter(undefined), undefined)
  assert.equal(parseRetryAfter('soon'), undefined)
})

test('searchQueries rejects limits Akeneo would refuse and chunks identifiers', () => {
  assert.throws(() => searchQueries({ limit: 101 }, 'sku'), RangeError)
  assert.equal(searchQueries({ identifiers: [] }, 'sku').length, 0)
  assert.equal(searchQueries({ identifiers: Array.from({ length: 201 }, (_, i) => `${i}`) }, 'sku').length, 3)
})

test('the media code is taken from Location, slashes included', () => {
  assert.equal(mediaCodeFromLocation('https://pim/api/rest/v1/media-files/9/9/c/c/99cc_sun%20glasses.jpg'), '9/9/c/c/99cc_sun glasses.jpg')
  assert.equal(mediaCodeFromLocation('https://pim/api/rest/v1/products/x'), undefined)
  assert.equal(mediaCodeFromLocation(undefined), undefined)
})

test('multipartBody frames fields then the streamed file, escaping the filename, and knows its exact length', async () => {
  const framed = multipartBody('B', [['product', '{"identifier":"x"}']], { filename: 'a"b.png', contentType: 'image/png', size: 4 })
  const body = await text(framed.open(Readable.from([Buffer.from('12'), Buffer.from('34')])))
  assert.equal(body, '--B\r\nContent-Disposition: form-data; name="product"\r\n\r\n{"identifier":"x"}\r\n' +
    '--B\r\nContent-Disposition: form-data; name="file"; filename="a%22b.png"\r\nContent-Type: image/png\r\n\r\n1234\r\n--B--\r\n')
  assert.equal(framed.length, Buffer.byteLength(body))
})

test('multipartBody fails the attempt when the file is longer or shorter than announced', async () => {
  const framed = multipartBody('B', [], { filename: 'f', contentType: 'x/y', size: 3 })
  await assert.rejects(text(framed.open(Readable.from([Buffer.from('1234')]))), /longer than its announced 3 bytes/)
  await assert.rejects(text(framed.open(Readable.from([Buffer.from('12')]))), /has 2 bytes, 3 announced/)
})

test('writable strips read-only keys from the entity and its values', () => {
  assert.deepEqual(writable({ uuid: 'u', _links: {}, updated: 'x', values: { a: [{ locale: null, scope: null, data: 1, _links: {}, attribute_type: 't', linked_data: {} }] } }),
    { uuid: 'u', values: { a: [{ locale: null, scope: null, data: 1 }] } })
})
