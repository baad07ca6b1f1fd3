import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance, FastifyServerOptions } from 'fastify'
import { buildApp } from '../../src/app.js'
import { loadMapping } from '../../src/config/mapping-loader.js'

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789'
export const TEST_EP_SECRETS = ['ep-primary-secret', 'ep-secondary-secret'] as const
export const TEST_EVENTS_API_SECRETS = ['events-api-old-secret', 'events-api-new-secret'] as const
/** Certificates served by the local SNS fake (test/helpers/sns-signer.ts). */
export const TEST_CERT_URL_PATTERN = '^http://127\\.0\\.0\\.1:\\d+/[^?#]+\\.pem$'

export interface TestApp {
  app: FastifyInstance
  dir: string
  close: () => Promise<void>
}

/**
 * The real app on a throwaway SQLite file, the committed example mapping and fake upstream
 * URLs (routes never call upstreams). The worker is off unless asked for: tests drive it
 * with `app.worker.runOnce()` / `drain()`.
 */
export async function buildTestApp (options: { env?: Record<string, string>, worker?: boolean, logger?: FastifyServerOptions['logger'] } = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'connector-test-'))
  const env = {
    DATABASE_URL: `sqlite:${join(dir, 'connector.db')}`,
    CREDENTIALS_FILE: '',
    AKENEO_BASE_URL: 'http://127.0.0.1:9/akeneo',
    AKENEO_CLIENT_ID: 'connector-client',
    AKENEO_CLIENT_SECRET: 'client-secret',
    AKENEO_USERNAME: 'connector_api_user',
    AKENEO_PASSWORD: 'password',
    BYNDER_BASE_URL: 'http://127.0.0.1:9/bynder',
    BYNDER_PERMANENT_TOKEN: 'permanent-token',
    BYNDER_FETCH_DELAY_MS: '5000',
    SNS_CERT_URL_PATTERN: TEST_CERT_URL_PATTERN,
    AKENEO_EVENT_PLATFORM_SECRET: TEST_EP_SECRETS.join(','),
    AKENEO_EVENTS_API_SECRET: TEST_EVENTS_API_SECRETS.join(','),
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    WORKER_BACKOFF_BASE_MS: '10',
    WORKER_BACKOFF_CAP_MS: '100',
    WORKER_POLL_MS: '20',
    ...options.env
  }
  const app = await buildApp({ env, mapping: loadMapping('mappings/bynder_attribute_mappings.yml'), worker: options.worker ?? false, ...(options.logger === undefined ? {} : { logger: options.logger }) })
  await app.ready()
  return {
    app,
    dir,
    close: async () => {
      await app.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
