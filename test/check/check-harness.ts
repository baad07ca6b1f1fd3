import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { checkCommand } from '../../src/check/command.js'
import { startFakeAkeneo, type FakeAkeneo, type FakeAkeneoOptions } from '../fakes/akeneo/index.js'
import { seedRealisticPortal, startFakeBynder, type FakeBynder, type SeededPortal } from '../fakes/bynder/index.js'
import { emulatorEnv } from '../fakes/connector-env.js'

export const EXAMPLE_MAPPING = readFileSync('mappings/bynder_attribute_mappings.yml', 'utf8')

/** The committed example's link part only, to which a test appends what it is about. */
export const LINK_HEAD = `metaproperty_mappings:
  product_identifier: akeneo_product_sku
  product_model_code: akeneo_model_code
  asset_type: akeneo_asset_type
  sort_order: akeneo_sort_order
`

/** The example's asset-type options, so every seeded asset-type option is accounted for. */
export const ASSET_TYPE_OPTIONS = `asset_type_metaproperty_options_mappings:
  packshot_image: Packshot
  application_image_1: application
`

export interface CheckRun {
  code: number
  /** Finding lines, without the summary. */
  lines: string[]
  summary: string
  stdout: string
  stderr: string
}

export interface CheckWorld {
  akeneo: FakeAkeneo
  bynder: FakeBynder
  portal: SeededPortal
  dir: string
  env: Record<string, string>
  /** Writes the mapping and runs `check` in-process against both emulators. */
  check: (mapping: string, options?: { args?: string[], env?: Record<string, string> }) => Promise<CheckRun>
  close: () => Promise<void>
}

export function mappingFile (dir: string, text: string, name = 'mapping.yml'): string {
  const file = join(dir, name)
  writeFileSync(file, text)
  return file
}

export function splitOutput (code: number, stdout: string, stderr: string): CheckRun {
  const all = stdout.split('\n').filter((line) => line !== '')
  const summary = all.at(-1) ?? ''
  return { code, lines: all.slice(0, -1), summary, stdout, stderr }
}

/** Both emulators, seeded as the example mapping expects, and a throwaway directory. */
export async function startCheckWorld (akeneoOptions: FakeAkeneoOptions = {}): Promise<CheckWorld> {
  const akeneo = await startFakeAkeneo(akeneoOptions)
  const bynder = await startFakeBynder({ maxRequestsPerSecond: 1000 })
  const portal = seedRealisticPortal(bynder)
  const dir = mkdtempSync(join(tmpdir(), 'connector-check-'))
  const env = emulatorEnv(akeneo, bynder, dir)
  return {
    akeneo,
    bynder,
    portal,
    dir,
    env,
    async check (mapping, options = {}) {
      let stdout = ''
      let stderr = ''
      const code = await checkCommand(options.args ?? [], {
        env: { ...env, MAPPINGS_FILE: mappingFile(dir, mapping), ...options.env },
        stdout: (text) => { stdout += text },
        stderr: (text) => { stderr += text }
      })
      return splitOutput(code, stdout, stderr)
    },
    async close () {
      await Promise.all([akeneo.close(), bynder.close()])
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

/** The one finding line whose text matches, failing with the whole output otherwise. */
export function findLine (run: CheckRun, pattern: RegExp): string {
  const matches = run.lines.filter((line) => pattern.test(line))
  if (matches.length !== 1) throw new Error(`expected one line matching ${String(pattern)}, got ${matches.length}:\n${run.stdout}${run.stderr}`)
  return matches[0]!
}
