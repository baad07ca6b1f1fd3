import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, it } from 'node:test'
import { seedAssetFamilies } from '../fakes/akeneo/asset-seed.js'
import { emulatorEnv } from '../fakes/connector-env.js'
import { startLinkWorld } from '../handlers/link-harness.js'
import { createTestDatabase } from '../helpers/pg-database.js'
import { runCli } from '../helpers/run-cli.js'
import { minutesAgo } from '../replay/replay-helpers.js'

const code = (id: string): string => `bynder_${id.replaceAll('-', '_')}`

/**
 * `serve` (the app here) and a crontab `import-assets` (its own process) on one store place
 * two assets into one product's collection at the same moment: without a lock across processes
 * both read the same array and the later write drops the other's code.
 */
async function twoWriters (databaseUrl: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'connector-writers-'))
  const w = await startLinkWorld({}, { env: { DATABASE_URL: databaseUrl } })
  try {
    seedAssetFamilies(w.akeneo.state)
    const properties = { akeneo_product_sku: ['sunglasses'], akeneo_asset_type: ['manuals_collection'] }
    const served = w.asset({ name: 'served', properties })
    // Only this one is in the CLI's window.
    const imported = w.asset({ name: 'imported', properties, dateModified: minutesAgo(10) })

    // The app's collection PATCH waits for the CLI's own collection PATCH (the CLI read the product
    // meanwhile: without a lock across processes the two writes race), or a second after the CLI
    // made its Akeneo asset (the CLI is kept waiting for the product).
    let heldPatch: (() => void) | undefined
    const patchHeld = new Promise<void>((resolve) => { heldPatch = resolve })
    let releasedBy: 'timer' | 'write' | undefined
    let release!: (by: 'timer' | 'write') => void
    const held = new Promise<void>((resolve) => { release = (by) => { releasedBy ??= by; resolve() } })
    w.akeneo.controls.pause = (request) => {
      if (request.method === 'PATCH' && request.path === '/api/rest/v1/products-uuid') {
        if (heldPatch === undefined) { release('write'); return undefined }
        heldPatch()
        heldPatch = undefined
        return held
      }
      if (request.method === 'PATCH' && request.path === '/api/rest/v1/asset-families/manuals/assets' && JSON.stringify(request.body).includes(code(imported.id))) {
        setTimeout(() => { release('timer') }, 1000)
      }
      return undefined
    }

    await w.notify(served)
    const serving = w.app.worker.runOnce()
    await Promise.race([patchHeld, serving.then(async () => { throw new Error(`the app wrote no collection: ${(await w.app.store.listEvents({ limit: 1 }))[0]?.task?.lastError}`) })])
    const cli = await runCli(['import-assets', '--max_updated_time_in_minutes', '30', '--credential_code', 'bynder'], {
      env: {
        ...emulatorEnv(w.akeneo, w.bynder, dir),
        DATABASE_URL: databaseUrl,
        MAPPINGS_FILE: resolve('mappings/bynder_attribute_mappings.yml'),
        BYNDER_MAX_RPS: '100',
        BYNDER_FETCH_DELAY_MS: '0',
        WORKER_POLL_MS: '20'
      }
    })
    assert.equal(await serving, 1)
    assert.equal(cli.code, 0, cli.stdout + cli.stderr)
    assert.match(cli.stdout, /queued 1; tasks: 1 done, 0 dead/)
    const [event] = await w.app.store.listEvents({ limit: 1, source: 'bynder' })
    assert.equal(event?.task?.status, 'done', event?.task?.lastError ?? '')
    const collection = w.value('sunglasses', 'manuals_collection') as string[]
    assert.deepEqual([...collection].sort(), [code(served.id), code(imported.id)].sort(), 'both codes are in the collection')
    assert.equal(releasedBy, 'timer', 'the CLI did not write the product while the app\'s write to it was in flight')
  } finally {
    await w.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('serve and a CLI job placing assets into one product\'s collection at the same moment', { concurrency: true }, () => {
  it('on one SQLite file, both codes end up in the collection', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'connector-writers-db-'))
    try { await twoWriters(`sqlite:${join(dir, 'connector.db')}`) } finally { rmSync(dir, { recursive: true, force: true }) }
  })

  it('on one PostgreSQL database, both codes end up in the collection', async () => {
    const db = await createTestDatabase()
    try { await twoWriters(db.url) } finally { await db.drop() }
  })
})
