import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { runCli } from './helpers/run-cli.js'

const REQUIRED = {
  AKENEO_BASE_URL: 'http://127.0.0.1:9', AKENEO_CLIENT_ID: 'client', AKENEO_CLIENT_SECRET: 'client-secret',
  AKENEO_USERNAME: 'connector', AKENEO_PASSWORD: 'pim-password', BYNDER_BASE_URL: 'http://127.0.0.1:9', BYNDER_PERMANENT_TOKEN: 'bynder-token'
}

describe('bynder-akeneo serve', () => {
  it('answers --help with its usage and exits, instead of starting the service', async () => {
    // A full environment: without the fix the service starts and the run is killed (code null).
    const { code, stdout } = await runCli(['serve', '--help'], { env: { ...REQUIRED, DATABASE_URL: 'sqlite::memory:', PORT: '0' }, timeoutMs: 15_000 })
    assert.equal(code, 0)
    assert.match(stdout, /^Usage: bynder-akeneo serve/)
    assert.match(stdout, /\.env\.example/)
  })

  it('refuses an option it does not take, exit code 2', async () => {
    const { code, stderr } = await runCli(['serve', '--port', '8080'], { env: { ...REQUIRED, DATABASE_URL: 'sqlite::memory:', PORT: '0' }, timeoutMs: 15_000 })
    assert.equal(code, 2)
    assert.match(stderr, /serve takes no options.*--port/)
    assert.match(stderr, /PORT/)
  })
})
