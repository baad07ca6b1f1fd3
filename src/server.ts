import closeWithGrace from 'close-with-grace'
import { commandEnv, configured, readyApp } from './cli-start.js'
import { readEnv } from './config/env.js'
import { isMain } from './is-main.js'
import { loggerOptions } from './logger.js'
import { unsupportedAkeneo } from './check/akeneo-version.js'
import { redactUrl } from './store/pg-pool.js'

/** Starts the service; a configuration problem ends the process with a message naming it. */
export async function serve (): Promise<void> {
  const source = commandEnv({})
  const app = await configured('bynder-akeneo', 'start', (text) => { process.stderr.write(text) }, async () =>
    await readyApp({ env: source, logger: loggerOptions(readEnv(source).LOG_LEVEL) }))
  if (app === undefined) {
    process.exitCode = 1
    return
  }

  // In-flight requests and claimed tasks finish before the store closes; a second signal forces.
  closeWithGrace({ delay: 10_000 }, async ({ err, signal }) => {
    if (err !== undefined) app.log.error({ err }, 'shutting down after an error')
    else app.log.info({ signal }, 'shutting down')
    await app.close()
  })

  await app.listen({ host: app.config.HOST, port: app.config.PORT })
  // What this process runs with, so an operator can tell which store, mapping and portals it uses.
  app.log.info({
    store: redactUrl(app.config.DATABASE_URL),
    mappings: app.config.MAPPINGS_FILE,
    bynderCredentials: [...app.credentials.keys()],
    akeneo: app.config.AKENEO_BASE_URL,
    replicas: app.config.REPLICAS
  }, 'configured')
  // Checked once the service listens (Akeneo being down must not stop intake): a PIM before 7.0 stops it.
  const refusal = await unsupportedAkeneo(app)
  if (refusal !== null) {
    app.log.fatal(refusal)
    process.stderr.write(`bynder-akeneo: cannot run.\n${refusal}\n`)
    await app.close()
    // Explicit: close-with-grace's signal handlers must not turn this into a clean exit.
    process.exit(1)
  }
}

if (isMain(import.meta.url)) {
  await serve()
}
