import { existsSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'
import { buildApp } from './app.js'
import { ConfigError } from './config/env.js'

// The start-up every command shares (serve, check, the cron-style jobs): help and usage,
// `.env`, and one way of saying that a setting stops it.

export interface CliIo {
  /** Default: process.env, after loading ./.env as the service does. */
  env?: Record<string, string | undefined>
  stdout?: (text: string) => void
  stderr?: (text: string) => void
}

export interface CliOutput {
  stdout: (text: string) => void
  stderr: (text: string) => void
}

export function cliOutput (io: CliIo): CliOutput {
  return {
    stdout: io.stdout ?? ((text: string) => { process.stdout.write(text) }),
    stderr: io.stderr ?? ((text: string) => { process.stderr.write(text) })
  }
}

/**
 * The parsed options, or the exit code when there is nothing more to do: 0 after `--help`
 * (the usage on stdout), 2 after a usage error (the reason and the usage on stderr).
 */
export function parseCommandLine<T extends { help: boolean }> (command: string, usage: string, parse: () => T, out: CliOutput): T | number {
  let options: T
  try {
    options = parse()
  } catch (error) {
    out.stderr(`${command}: ${(error as Error).message}\n\n${usage}`)
    return 2
  }
  if (options.help) {
    out.stdout(usage)
    return 0
  }
  return options
}

/** The environment the command runs with: the one given, or process.env with ./.env loaded into it. */
export function commandEnv (io: Pick<CliIo, 'env'>): Record<string, string | undefined> {
  if (io.env === undefined && existsSync('.env')) process.loadEnvFile('.env')
  return io.env ?? process.env
}

/**
 * Runs the preparation; a ConfigError (a setting, the mapping file, a store that cannot be
 * reached) is written as `<command>: cannot <what>.` and its message, and gives undefined.
 * Any other error is a defect and propagates.
 */
export async function configured<T> (command: string, what: string, stderr: (text: string) => void, prepare: () => Promise<T> | T): Promise<T | undefined> {
  try {
    return await prepare()
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    stderr(`${command}: cannot ${what}.\n${error.message}\n`)
    return undefined
  }
}

/** Builds the app and waits for its plugins; on a ConfigError the half-built app is closed first. */
export async function readyApp (options: Parameters<typeof buildApp>[0]): Promise<FastifyInstance> {
  const app = await buildApp(options)
  try {
    await app.ready()
  } catch (error) {
    if (error instanceof ConfigError) await app.close()
    throw error
  }
  return app
}
