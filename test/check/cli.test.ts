import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { startFakeBynder, type FakeBynder } from '../fakes/bynder/index.js'
import { runCli } from '../helpers/run-cli.js'
import { EXAMPLE_MAPPING, mappingFile, splitOutput, startCheckWorld, type CheckRun, type CheckWorld } from './check-harness.js'

/** The real command line in its own process (tsx, as `npm run cli -- check` runs it). */
async function runCheck (args: string[], options: { env?: Record<string, string>, cwd?: string } = {}): Promise<CheckRun> {
  const { code, stdout, stderr } = await runCli(args, options)
  return splitOutput(code ?? -1, stdout, stderr)
}

let world: CheckWorld
let emea: FakeBynder
const EMEA_TOKEN = 'emea-permanent-token-42'

before(async () => {
  world = await startCheckWorld()
  // A second portal that lacks the enrichment metaproperties.
  emea = await startFakeBynder({ tokens: { [EMEA_TOKEN]: ['MEDIAEDIT', 'METAPROPERTYMANAGEMENT', 'MEDIAHIGHRES'] } })
  emea.addMetaproperty({ name: 'akeneo_product_sku', type: 'autocomplete', isMultiselect: true })
  emea.addMetaproperty({ name: 'akeneo_model_code', type: 'select2', isMultiselect: true })
  emea.addMetaproperty({ name: 'akeneo_asset_type', type: 'select', options: [{ name: 'Packshot' }, { name: 'application' }] })
  emea.addMetaproperty({ name: 'akeneo_sort_order', type: 'text' })
  writeFileSync(join(world.dir, 'credentials.yml'), `emea:\n  base_url: ${emea.url}\n  permanent_token: \${EMEA_TOKEN}\n`)
})
after(async () => { await Promise.all([world.close(), emea.close()]) })

describe('bynder-akeneo check, as a process', () => {
  it('exits 0 on a clean mapping, reading its settings from ./.env', async () => {
    const env = { ...world.env, MAPPINGS_FILE: mappingFile(world.dir, EXAMPLE_MAPPING, 'clean.yml') }
    writeFileSync(join(world.dir, '.env'), Object.entries(env).map(([name, value]) => `${name}=${value}`).join('\n') + '\n')
    const run = await runCheck(['check'], { cwd: world.dir })
    assert.equal(run.code, 0, run.stdout + run.stderr)
    assert.equal(run.summary, 'check: 0 errors, 0 warnings')
    assert.equal(run.stderr, '')
  })

  it('exits 1 and prints one line per problem, for every credential', async () => {
    const file = mappingFile(world.dir, EXAMPLE_MAPPING.replace('product_identifier: akeneo_product_sku', 'product_identifier: akeneo_sku'), 'broken.yml')
    const env = { ...world.env, MAPPINGS_FILE: file, CREDENTIALS_FILE: join(world.dir, 'credentials.yml'), EMEA_TOKEN }
    const run = await runCheck(['check'], { env })
    assert.equal(run.code, 1, run.stdout + run.stderr)
    const errors = run.lines.filter((line) => line.startsWith('error'))
    for (const line of errors) assert.match(line, new RegExp(`^error {2}${file.replace(/[.]/g, '\\.')}:\\d+:\\d+ at [a-z_.0-9]+: `))
    assert.ok(errors.some((line) => /:12:23 at metaproperty_mappings\.product_identifier: metaproperty "akeneo_sku" does not exist in Bynder \(credential bynder\)/.test(line)))
    assert.ok(errors.some((line) => /at metaproperty_mappings\.product_identifier: .*\(credential emea\)/.test(line)))
    assert.ok(errors.some((line) => /at enrichment_metaproperty_mappings\.brand: metaproperty "brand" does not exist in Bynder \(credential emea\)/.test(line)))
    assert.equal(run.summary, `check: ${errors.length} errors, 0 warnings`)
    assert.doesNotMatch(run.stdout + run.stderr, new RegExp(EMEA_TOKEN))
  })

  it('exits 2 on a mapping the service would refuse, naming file, line and path', async () => {
    const file = mappingFile(world.dir, `${EXAMPLE_MAPPING}derivative: webimage\n`, 'invalid.yml')
    const run = await runCheck(['check'], { env: { ...world.env, MAPPINGS_FILE: file } })
    assert.equal(run.code, 2)
    assert.match(run.stderr, /invalid\.yml:\d+:\d+ at derivative: unknown key/)
    assert.equal(run.stdout, '')
  })
})

describe('bynder-akeneo check, options and usage', () => {
  it('checks only the credential named by --credential_code / --credential-code', async () => {
    const env = { CREDENTIALS_FILE: join(world.dir, 'credentials.yml'), EMEA_TOKEN }
    const mapping = EXAMPLE_MAPPING
    world.bynder.requests.length = 0
    const onlyEmea = await world.check(mapping, { args: ['--credential-code', 'emea'], env })
    assert.equal(onlyEmea.code, 1)
    assert.ok(onlyEmea.lines.filter((line) => line.startsWith('error')).every((line) => line.includes('(credential emea)')))
    assert.equal(world.bynder.requests.length, 0)
    const onlyDefault = await world.check(mapping, { args: ['--credential_code=bynder'], env })
    assert.equal(onlyDefault.code, 0, onlyDefault.stdout)
    const unknown = await world.check(mapping, { args: ['--credential_code', 'apac'], env })
    assert.equal(unknown.code, 2)
    assert.match(unknown.stderr, /No Bynder credential "apac" \(known: bynder, emea\)/)
  })

  it('exits 2 naming a missing variable or an unknown option; --help exits 0', async () => {
    const missing = await world.check(EXAMPLE_MAPPING, { env: { AKENEO_BASE_URL: '' } })
    assert.equal(missing.code, 2)
    assert.match(missing.stderr, /AKENEO_BASE_URL is required/)
    const unknown = await world.check(EXAMPLE_MAPPING, { args: ['--verbose'] })
    assert.equal(unknown.code, 2)
    assert.match(unknown.stderr, /Unknown option '--verbose'[\s\S]*Usage: bynder-akeneo check/)
    const help = await world.check(EXAMPLE_MAPPING, { args: ['--help'] })
    assert.equal(help.code, 0)
    assert.match(help.stdout, /--credential_code CODE/)
  })
})
