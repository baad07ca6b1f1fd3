import { existsSync } from 'node:fs'
import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.js'
import { ConfigError, readEnv } from './config/env.js'
import { isMain } from './is-main.js'
import { loggerOptions } from './logger.js'
import { unsupportedAkeneo } from './check/akeneo-version.js'

/** Starts the service; a configuration problem ends the process with a message naming it. */
export async function serve (): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env')
  let app
  try {
    const env = readEnv(process.env)
    app = await buildApp({ env: process.env, logger: loggerOptions(env.LOG_LEVEL) })
    await app.ready()
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    process.stderr.write(`bynder-akeneo: cannot start.\n${error.message}\n`)
    process.exitCode = 1
    await app?.close()
    return
  }

  // In-flight requests and claimed tasks finish before the store closes; a second signal forces.
  closeWithGrace({ delay: 10_000 }, async ({ err, signal }) => {
    if (err !== undefined) app.log.error({ err }, 'shutting down after an error')
    else app.log.info({ signal }, 'shutting down')
    await app.close()
  })

  await app.listen({ host: app.config.HOST, port: app.config.PORT })
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
