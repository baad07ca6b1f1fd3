import assert from 'node:assert/strict'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, it } from 'node:test'
import { startFakeAkeneo } from '../fakes/akeneo/index.js'
import { findProductByIdentifier } from '../fakes/akeneo/state.js'
import { seedRealisticPortal, startFakeBynder } from '../fakes/bynder/index.js'
import { emulatorEnv } from '../fakes/connector-env.js'
import { runCommand } from '../helpers/run-cli.js'
import { minutesAgo } from './replay-helpers.js'

const CHECKOUT = resolve('.')
const README_DIR = '/srv/connector'

/** The crontab lines of the README: five schedule fields, then the command. */
function crontabCommands (): string[] {
  const readme = readFileSync(join(CHECKOUT, 'README.md'), 'utf8')
  return readme.split('\n')
    .map((line) => /^(?:\S+\s+){5}(cd \/srv\/connector && .+)$/.exec(line)?.[1])
    .filter((command): command is string => command !== undefined)
}

const sh = async (command: string, env: Record<string, string>, cwd = tmpdir()): Promise<{ code: number | null, out: string }> =>
  await runCommand('/bin/sh', ['-c', command], { env, cwd })

describe('the README\'s crontab lines, run as written (the checkout for /srv/connector) against the emulators', () => {
  it('each line exits 0 and does its job', async () => {
    const commands = crontabCommands()
    assert.equal(commands.length, 3, 'the README shows the three cron jobs')
    const [akeneo, bynder] = await Promise.all([startFakeAkeneo(), startFakeBynder()])
    seedRealisticPortal(bynder)
    const dir = mkdtempSync(join(tmpdir(), 'connector-crontab-'))
    try {
      const asset = bynder.addAsset({ name: 'cron', dateModified: minutesAgo(3), properties: { akeneo_product_sku: ['mug'], akeneo_asset_type: ['packshot_image'] } })
      const env = {
        ...emulatorEnv(akeneo, bynder, dir),
        MAPPINGS_FILE: join(CHECKOUT, 'mappings/bynder_attribute_mappings.yml'),
        BYNDER_FETCH_DELAY_MS: '0',
        BYNDER_MAX_RPS: '100',
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: dir,
        // A cache of its own (npx links the checkout's bin there on first use), and no registry.
        npm_config_cache: join(dir, 'npm-cache'),
        npm_config_offline: 'true',
        npm_config_update_notifier: 'false'
      }
      for (const command of commands) {
        const run = await sh(command.replace(`cd ${README_DIR}`, `cd '${CHECKOUT}'`), env)
        assert.equal(run.code, 0, `${command}\n${run.out}`)
        assert.match(run.out, /tasks: \d+ done, 0 dead/, command)
      }
      const media = findProductByIdentifier(akeneo.state, 'mug')?.values.packshot_image?.[0]?.data
      assert.equal(akeneo.state.mediaFiles.get(media as string)?.bytes.toString(), `original bytes of ${asset.id}`)
    } finally {
      await Promise.all([akeneo.close(), bynder.close()])
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('the container runs the same command: its bin is on PATH, it is what the image starts, and without src/ the shim runs dist/', async () => {
    const dockerfile = readFileSync(join(CHECKOUT, 'Dockerfile'), 'utf8')
    assert.match(dockerfile, /ln -s \/app\/bin\/bynder-akeneo\.js \/usr\/local\/bin\/bynder-akeneo/)
    assert.match(dockerfile, /CMD \["bynder-akeneo", "serve"\]/)
    const image = mkdtempSync(join(tmpdir(), 'connector-image-'))
    try {
      cpSync(join(CHECKOUT, 'bin'), join(image, 'bin'), { recursive: true })
      mkdirSync(join(image, 'dist', 'src'), { recursive: true })
      writeFileSync(join(image, 'dist', 'src', 'cli.js'), 'export async function main (argv) { process.stdout.write(`dist ${argv.join(" ")}\\n`); return 3 }\n')
      const run = await sh(`node '${join(image, 'bin', 'bynder-akeneo.js')}' import-assets --max_updated_time_in_minutes 10`, { PATH: process.env.PATH ?? '' })
      assert.deepEqual([run.code, run.out], [3, 'dist import-assets --max_updated_time_in_minutes 10\n'])
    } finally { rmSync(image, { recursive: true, force: true }) }
  })
})
