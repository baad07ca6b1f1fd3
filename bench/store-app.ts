import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../src/app.js'
import { loadMapping } from '../src/config/mapping-loader.js'

export const BENCH_EP_SECRET = 'bench-event-platform-secret'

/**
 * The service on a given store (`sqlite:` when `databaseUrl` is omitted: a throwaway file),
 * upstreams unreachable (the benches register their own handlers), schedule off.
 */
export async function benchApp (databaseUrl?: string, env: Record<string, string> = {}): Promise<{ app: FastifyInstance, close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'connector-bench-'))
  const app = await buildApp({
    schedule: false,
    mapping: loadMapping('mappings/bynder_attribute_mappings.yml'),
    env: {
      DATABASE_URL: databaseUrl ?? `sqlite:${join(dir, 'bench.db')}`,
      CREDENTIALS_FILE: '',
      AKENEO_BASE_URL: 'http://127.0.0.1:9', AKENEO_CLIENT_ID: 'bench', AKENEO_CLIENT_SECRET: 'bench', AKENEO_USERNAME: 'bench', AKENEO_PASSWORD: 'bench',
      BYNDER_BASE_URL: 'http://127.0.0.1:9', BYNDER_PERMANENT_TOKEN: 'bench',
      AKENEO_EVENT_PLATFORM_SECRET: BENCH_EP_SECRET,
      INBOX_MAX_PENDING: '1000000',
      ...env
    }
  })
  return { app, close: async () => { await app.close(); rmSync(dir, { recursive: true, force: true }) } }
}
