import { join } from 'node:path'
import type { FakeAkeneo } from './akeneo/index.js'
import { DEFAULT_FAKE_TOKEN, type FakeBynder } from './bynder/index.js'

/**
 * The environment of a service pointed at both emulators, with its own SQLite file in `dir`
 * and no credentials file. Tests, the demo and the benches add what they tune on top.
 */
export function emulatorEnv (akeneo: FakeAkeneo, bynder: FakeBynder, dir: string): Record<string, string> {
  return {
    DATABASE_URL: `sqlite:${join(dir, 'connector.db')}`,
    CREDENTIALS_FILE: '',
    AKENEO_BASE_URL: akeneo.url,
    AKENEO_CLIENT_ID: akeneo.client.clientId,
    AKENEO_CLIENT_SECRET: akeneo.client.secret,
    AKENEO_USERNAME: akeneo.client.username,
    AKENEO_PASSWORD: akeneo.client.password,
    BYNDER_BASE_URL: bynder.url,
    BYNDER_PERMANENT_TOKEN: DEFAULT_FAKE_TOKEN,
    // The emulator's block is scaled down in tests; the service waits a little longer than it.
    BYNDER_BLOCK_QUIET_MS: '150',
    BYNDER_BLOCK_RAMP_MS: '0'
  }
}
