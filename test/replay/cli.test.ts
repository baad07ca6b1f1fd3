import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, it } from 'node:test'
import { replayCommand } from '../../src/replay/cli-command.js'
import { addProduct } from '../fakes/akeneo/seed.js'
import { findProductByIdentifier } from '../fakes/akeneo/state.js'
import { startFakeAkeneo, type FakeAkeneo } from '../fakes/akeneo/index.js'
import { seedRealisticPortal, startFakeBynder, type FakeBynder } from '../fakes/bynder/index.js'
import { emulatorEnv } from '../fakes/connector-env.js'
import { runCli } from '../helpers/run-cli.js'
import { minutesAgo } from './replay-helpers.js'

const MAPPING = resolve('mappings/bynder_attribute_mappings.yml')

interface CliWorld { akeneo: FakeAkeneo, bynder: FakeBynder, dir: string, env: Record<string, string>, close: () => Promise<void> }

/** Emulators and a state directory of its own for each test, so the tests can run side by side. */
async function cliWorld (): Promise<CliWorld> {
  const [akeneo, bynder] = await Promise.all([startFakeAkeneo(), startFakeBynder({ maxRequestsPerSecond: 150 })])
  seedRealisticPortal(bynder)
  const dir = mkdtempSync(join(tmpdir(), 'connector-cli-'))
  const env = {
    ...emulatorEnv(akeneo, bynder, dir),
    MAPPINGS_FILE: MAPPING,
    BYNDER_MAX_RPS: '100',
    BYNDER_FETCH_DELAY_MS: '0',
    WORKER_POLL_MS: '20',
    WORKER_BACKOFF_BASE_MS: '10',
    WORKER_BACKOFF_CAP_MS: '50'
  }
  return { akeneo, bynder, dir, env, close: async () => { await Promise.all([akeneo.close(), bynder.close()]); rmSync(dir, { recursive: true, force: true }) } }
}

async function withCliWorld (fn: (w: CliWorld) => Promise<void>): Promise<void> {
  const w = await cliWorld()
  try { await fn(w) } finally { await w.close() }
}

const packshot = (sku: string): Record<string, string[]> => ({ akeneo_product_sku: [sku], akeneo_asset_type: ['packshot_image'] })

describe('the cron-style jobs as processes (bynder-akeneo import-assets|update-properties|update-mapped-properties)', { concurrency: true }, () => {
  it('import-assets links the window to completion, prints a summary and exits 0', () => withCliWorld(async (w) => {
    const asset = w.bynder.addAsset({ name: 'cli', dateModified: minutesAgo(10), properties: packshot('mug') })
    w.bynder.addAsset({ name: 'older', dateModified: minutesAgo(45), properties: packshot('sunglasses') })
    const run = await runCli(['import-assets', '--max_updated_time_in_minutes', '30', '--credential_code', 'bynder'], { env: w.env })
    assert.equal(run.code, 0, run.stdout + run.stderr)
    const [title, counts, outcome] = run.stdout.split('\n')
    assert.match(title!, /^import-assets, credential bynder, window \S+Z → \S+Z$/)
    assert.equal(counts, '  listed 1, settled 0, queued 1; tasks: 1 done, 0 dead')
    assert.match(outcome!, /^ {2}finished in \d+\.\d s$/)
    const media = findProductByIdentifier(w.akeneo.state, 'mug')!.values.packshot_image?.[0]?.data
    assert.equal(w.akeneo.state.mediaFiles.get(media as string)?.bytes.toString(), `original bytes of ${asset.id}`)
    assert.equal(findProductByIdentifier(w.akeneo.state, 'sunglasses')!.values.packshot_image, undefined)
    assert.equal(run.stderr, '', 'no progress line when stderr is not a terminal')
  }))

  it('update-properties reads ./.env like serve, takes the hyphenated --name=value spellings, and exits 0', () => withCliWorld(async (w) => {
    addProduct(w.akeneo.state, { identifier: 'cap', family: 'accessories' })
    writeFileSync(join(w.dir, '.env'), Object.entries(w.env).map(([name, value]) => `${name}=${value}`).join('\n') + '\n')
    const run = await runCli(['update-properties', '--max-updated-time-in-minutes=15', '--credential-code=bynder'], { cwd: w.dir })
    assert.equal(run.code, 0, run.stdout + run.stderr)
    assert.match(run.stdout, /^update-properties, credential bynder, window/)
    assert.match(run.stdout, /\n {2}listed 1, settled 0, queued 1; tasks: 1 done, 0 dead\n/)
    const search = w.akeneo.requests.find((r) => r.path === '/api/rest/v1/products-uuid' && r.query.search !== undefined)
    assert.match(search!.query.search!, /"operator":">","value":"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}"/)
  }))

  it('update-mapped-properties --dry-run plans in-process, writes nothing and exits 0', () => withCliWorld(async (w) => {
    addProduct(w.akeneo.state, { identifier: 'cap', family: 'accessories' })
    const run = await runCli(['update-mapped-properties', '--dry-run'], { env: w.env })
    assert.equal(run.code, 0, run.stdout + run.stderr)
    assert.match(run.stdout, /^update-mapped-properties \(dry run\), credential bynder/)
    assert.match(run.stdout, /listed 1, settled 0, planned 1: \d+ writes, 0 failed; nothing was written/)
    assert.equal(w.bynder.writes.length, 0)
  }))

  it('exits 1 when a task of the run is dead, naming it and its error', () => withCliWorld(async (w) => {
    // A JPEG typed as the PDF attribute: Akeneo refuses the file (422), the task dies at once.
    const asset = w.bynder.addAsset({ name: 'wrong-type', dateModified: minutesAgo(5), properties: { akeneo_product_sku: ['tshirt-red'], akeneo_asset_type: ['manual_pdf'] } })
    w.bynder.addAsset({ name: 'fine', dateModified: minutesAgo(5), properties: packshot('mug') })
    const run = await runCli(['import-assets'], { env: w.env })
    assert.equal(run.code, 1, run.stdout + run.stderr)
    assert.match(run.stdout, /listed 2, settled 0, queued 2; tasks: 1 done, 1 dead/)
    assert.match(run.stdout, /\n {2}FAILED in /)
    assert.match(run.stdout, new RegExp(`\\n {2}dead: asset:bynder:${asset.id}: .*extension`))
  }))

  it('exits 1 when a listing fails, saying which', () => withCliWorld(async (w) => {
    const run = await runCli(['import-assets'], { env: { ...w.env, BYNDER_PERMANENT_TOKEN: 'not-the-portal-token' } })
    assert.equal(run.code, 1, run.stdout + run.stderr)
    assert.match(run.stdout, /listing Bynder assets \(archive=0\) failed: .*401/)
    assert.doesNotMatch(run.stdout + run.stderr, /not-the-portal-token/)
  }))

  it('exits 2 with the usage on a bad option or value, before touching anything', () => withCliWorld(async (w) => {
    const cases: Array<[string[], RegExp]> = [
      [['import-assets', '--max_updated_time_in_minutes', 'soon'], /must be a whole number of minutes from 1 to 43200, got "soon"/],
      [['update-properties', '--max_updated_time_in_minutes=0'], /got "0"/],
      [['update-mapped-properties', '--credential_code'], /--credential_code/],
      [['import-assets', '--since', '5'], /Unknown option '--since'/],
      [['import-assets', '--credential_code', 'emea'], /unknown --credential_code "emea" \(known: bynder\)/]
    ]
    const runs = await Promise.all(cases.map(async ([args]) => await runCli(args, { env: w.env })))
    runs.forEach((run, i) => {
      assert.equal(run.code, 2, `${cases[i]![0].join(' ')}: ${run.stderr}`)
      assert.match(run.stderr, cases[i]![1])
      assert.match(run.stderr, /Usage: bynder-akeneo <import-assets\|update-properties\|update-mapped-properties>/)
      assert.equal(run.stdout, '')
    })
    assert.equal(w.bynder.requests.length + w.akeneo.requests.length, 0)
  }))
})

describe('the progress line', () => {
  it('is rewritten in place on a terminal (stderr, \\r) while the run lists and its tasks run', () => withCliWorld(async (w) => {
    w.bynder.addAsset({ name: 'tty', dateModified: minutesAgo(3), properties: packshot('mug') })
    let stderr = ''
    let stdout = ''
    const code = await replayCommand('import-assets', [], { env: { ...w.env, LOG_LEVEL: 'silent' }, tty: true, progressMs: 10, stderr: (text) => { stderr += text }, stdout: (text) => { stdout += text } })
    assert.equal(code, 0, stdout + stderr)
    assert.match(stderr, /^\rimport-assets: /)
    assert.match(stderr, /\rimport-assets: listed 1, settled 0, queued 1 \| tasks 1 done, 0 dead, 0 to go *\n$/)
  }))
})
