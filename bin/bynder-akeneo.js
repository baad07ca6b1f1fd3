#!/usr/bin/env node
// The package's `bynder-akeneo` command. It must exist before any build: `npx` links the
// checkout's own bin into its cache on first use, and a link to a missing dist/ file stays
// missing there. In a checkout (src/ present) it runs the TypeScript source through tsx, so
// it is never behind a `git pull`; in the container (dist/ only) it runs the compiled CLI.
import { existsSync } from 'node:fs'
import process from 'node:process'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const source = join(root, 'src', 'cli.ts')
let entry = join(root, 'dist', 'src', 'cli.js')
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api')
  register()
  entry = source
}
const { main } = await import(pathToFileURL(entry).href)
const code = await main(process.argv.slice(2))
if (code !== 0) process.exitCode = code
