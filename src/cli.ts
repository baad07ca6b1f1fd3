#!/usr/bin/env node
import { isMain } from './is-main.js'
import { preferSmallHeap } from './job-heap.js'

const USAGE = `Usage: bynder-akeneo <command>

Commands:
  serve    run the service (webhooks, worker, admin API)
  check    check the mapping against Bynder and Akeneo (metaproperties, options, attributes)
  import-assets, update-properties, update-mapped-properties
           run one window of a job to completion, like the PHP connector's cron commands
           (--max_updated_time_in_minutes N, --credential_code CODE, --dry-run; --help for more)
`

const SERVE_USAGE = `Usage: bynder-akeneo serve

Runs the service: the webhooks, the worker, the built-in schedule and the admin API, on
HOST:PORT. It takes no options: every setting is an environment variable (or a line of
.env), and .env.example lists each one with a comment. A missing or malformed one stops
the start and is named.
`

/** The package's command line; the cron-style jobs and `check` join `serve` here. Each command's modules load only once it is chosen. */
export async function main (argv: string[]): Promise<number> {
  const [command] = argv
  switch (command) {
    case 'serve':
      if (argv[1] === '--help' || argv[1] === '-h') {
        process.stdout.write(SERVE_USAGE)
        return 0
      }
      if (argv.length > 1) {
        process.stderr.write(`bynder-akeneo: serve takes no options, got ${argv.slice(1).join(' ')}; settings are environment variables (e.g. PORT, HOST, LOG_LEVEL)\n\n${SERVE_USAGE}`)
        return 2
      }
      await (await import('./server.js')).serve()
      return process.exitCode === undefined ? 0 : Number(process.exitCode)
    case 'check':
      return await (await import('./check/command.js')).checkCommand(argv.slice(1))
    case 'import-assets':
    case 'update-properties':
    case 'update-mapped-properties':
      // Before the job's modules load: V8 sizes what it compiles and allocates from then on.
      preferSmallHeap()
      return await (await import('./replay/cli-command.js')).replayCommand(command, argv.slice(1))
    case undefined:
    case '--help':
    case '-h':
      process.stdout.write(USAGE)
      return command === undefined ? 2 : 0
    default:
      process.stderr.write(`bynder-akeneo: unknown command "${command}"\n\n${USAGE}`)
      return 2
  }
}

if (isMain(import.meta.url)) {
  const code = await main(process.argv.slice(2))
  if (code !== 0) process.exitCode = code
}
