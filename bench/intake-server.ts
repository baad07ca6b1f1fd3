import { join } from 'node:path'
import { buildApp } from '../src/app.js'
import { loadMapping } from '../src/config/mapping-loader.js'
import { loggerOptions } from '../src/logger.js'

/**
 * The service as production runs it, in its own process for the intake bench: the info-level
 * JSON log (to stdout, which the bench discards). The worker does not claim (tasks pile up as
 * in a burst): with a handler that returned at once it would claim and complete thousands of
 * tasks a second, which real handlers, waiting on upstreams at 10 Bynder calls/s, never do.
 * `BENCH_WORKER=on` runs it with such a handler. `BENCH_DIR` holds its SQLite file;
 * `BENCH_SECRET` signs the events.
 */
const dir = process.env.BENCH_DIR!
const app = await buildApp({
  worker: process.env.BENCH_WORKER === 'on',
  schedule: false,
  logger: loggerOptions('info'),
  mapping: loadMapping('mappings/bynder_attribute_mappings.yml'),
  env: {
    DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`,
    CREDENTIALS_FILE: '',
    AKENEO_BASE_URL: 'http://127.0.0.1:9', AKENEO_CLIENT_ID: 'bench', AKENEO_CLIENT_SECRET: 'bench', AKENEO_USERNAME: 'bench', AKENEO_PASSWORD: 'bench',
    BYNDER_BASE_URL: 'http://127.0.0.1:9', BYNDER_PERMANENT_TOKEN: 'bench',
    AKENEO_EVENT_PLATFORM_SECRET: process.env.BENCH_SECRET!,
    INBOX_MAX_PENDING: '1000000'
  }
})
app.handlers.register('product', async () => 'benchmark: intake only')
const address = await app.listen({ host: '127.0.0.1', port: 0 })
process.send!({ ok: true, port: Number(new URL(address).port) })

process.on('message', (command: { type: string }) => {
  if (command.type === 'exit') {
    void app.close().then(() => process.disconnect())
    return
  }
  // Events recorded so far: the bench checks that every 200 it counted was persisted.
  app.store.listEvents({ limit: 1 }).then((events) => process.send!({ ok: true, result: events[0]?.id ?? 0 }),
    (error: unknown) => process.send!({ ok: false, error: String(error) }))
})
