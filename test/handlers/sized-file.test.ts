import assert from 'node:assert/strict'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { text } from 'node:stream/consumers'
import { test } from 'node:test'
import { announcedLength, sizedDownload } from '../../src/handlers/writers/sized-file.js'

const withHeaders = (body: string, headers: Record<string, string>): Readable => Object.assign(Readable.from([Buffer.from(body)]), { response: { headers } })

test('a download with a plain Content-Length is sent as it is; a retry downloads again', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sized-'))
  try {
    let opened = 0
    const file = await sizedDownload(async () => { opened++; return withHeaders('abcd', { 'content-length': '4' }) }, dir)
    assert.equal(file.size, 4)
    assert.equal(await text(file.open()), 'abcd')
    assert.equal(await text(file.open()), 'abcd')
    assert.equal(opened, 2)
    assert.deepEqual(readdirSync(dir), [], 'no temporary file')
    await file.dispose()
  } finally { rmSync(dir, { recursive: true, force: true }) }
})

test('a download of unknown length (chunked, or compressed) is spooled to a temporary file, measured, and removed after', async () => {
  assert.equal(announcedLength(withHeaders('x', { 'content-length': '10', 'content-encoding': 'gzip' })), undefined)
  assert.equal(announcedLength(Readable.from(['x'])), undefined)
  const dir = mkdtempSync(join(tmpdir(), 'sized-'))
  try {
    let opened = 0
    const file = await sizedDownload(async () => { opened++; return Readable.from([Buffer.from('12'), Buffer.from('345')]) }, dir)
    assert.equal(file.size, 5)
    assert.equal(await text(file.open()), '12345')
    assert.equal(await text(file.open()), '12345', 'a retry reads the temporary file, not Bynder')
    assert.equal(opened, 1)
    assert.equal(readdirSync(dir).length, 1)
    await file.dispose()
    assert.deepEqual(readdirSync(dir), [])
  } finally { rmSync(dir, { recursive: true, force: true }) }
})
