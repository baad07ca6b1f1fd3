import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app.js'
import { ConfigError } from '../../src/config/env.js'
import { loadMapping } from '../../src/config/mapping-loader.js'
import { schedulePatterns, scheduledWindow, SCHEDULE_OVERLAP_MS, windowOf } from '../../src/replay/schedule.js'
import { openStore } from '../../src/store/open-store.js'
import { startFakeAkeneo } from '../fakes/akeneo/index.js'
import { seedRealisticPortal, startFakeBynder, type FakeBynder } from '../fakes/bynder/index.js'
import { emulatorEnv } from '../fakes/connector-env.js'
import { buildTestApp, TEST_ADMIN_TOKEN } from '../helpers/build-test-app.js'
import { auth, minutesAgo } from './replay-helpers.js'

const MINUTE = 60_000
const NOW = Date.parse('2026-11-28T12:00:00Z')

describe('scheduled windows (pure)', () => {
  it('the first run looks back the configured window', () => {
    assert.deepEqual(scheduledWindow({ now: NOW, previous: null, firstWindowMinutes: 60 }), { start: NOW - 60 * MINUTE, end: NOW, basis: 'first' })
  })

  it('a later run starts at the previous successful run\'s start minus the overlap, however long ago', () => {
    for (const gap of [5 * MINUTE, 3 * 60 * MINUTE, 9 * 24 * 60 * MINUTE]) {
      const window = scheduledWindow({ now: NOW, previous: { startedAt: NOW - gap }, firstWindowMinutes: 60 })
      assert.deepEqual(window, { start: NOW - gap - SCHEDULE_OVERLAP_MS, end: NOW, basis: 'continues' })
    }
    assert.equal(SCHEDULE_OVERLAP_MS, 2 * MINUTE)
  })

  it('a previous start "in the future" (another replica\'s clock) still overlaps from now; a gap beyond 30 days is capped', () => {
    assert.equal(scheduledWindow({ now: NOW, previous: { startedAt: NOW + MINUTE }, firstWindowMinutes: 60 }).start, NOW - SCHEDULE_OVERLAP_MS)
    const capped = scheduledWindow({ now: NOW, previous: { startedAt: NOW - 40 * 24 * 60 * MINUTE }, firstWindowMinutes: 60 })
    assert.deepEqual(capped, { start: NOW - 43_200 * MINUTE, end: NOW, basis: 'capped' })
  })

  it('POST /replay and the CLI look back max_updated_time_in_minutes from now', () => {
    assert.deepEqual(windowOf(NOW, 15), { start: NOW - 15 * MINUTE, end: NOW })
  })
})

describe('SCHEDULE_* variables', () => {
  const config = { SCHEDULE_IMPORT_ASSETS: '*/5 * * * *', SCHEDULE_UPDATE_PROPERTIES: '*/5 * * * *', SCHEDULE_UPDATE_MAPPED_PROPERTIES: '*/30 * * * *' }

  it('an empty value or "off" disables a job; unset keeps the default', () => {
    const patterns = schedulePatterns(config, { SCHEDULE_IMPORT_ASSETS: '', SCHEDULE_UPDATE_PROPERTIES: 'off' })
    assert.deepEqual([...patterns], [['import-assets', null], ['update-properties', null], ['update-mapped-properties', '*/30 * * * *']])
  })

  it('an expression croner cannot parse stops the start naming the variable', async () => {
    assert.throws(() => schedulePatterns({ ...config, SCHEDULE_UPDATE_PROPERTIES: '61 * * * *' }, {}), (error: unknown) =>
      error instanceof ConfigError && /^SCHEDULE_UPDATE_PROPERTIES: "61 \* \* \* \*" is not a valid cron expression/.test(error.message))
    await assert.rejects(buildTestApp({ env: { SCHEDULE_UPDATE_MAPPED_PROPERTIES: '*/5 25 * * *' } }), /SCHEDULE_UPDATE_MAPPED_PROPERTIES/)
  })

  it('is off in tests and the CLI, and starts when the server listens', async () => {
    const t = await buildTestApp()
    try {
      assert.equal(t.app.schedule.started, false)
      await t.app.listen({ host: '127.0.0.1', port: 0 })
      assert.equal(t.app.schedule.started, true)
    } finally {
      await t.close()
    }
  })
})

interface ScheduleWorld { app: FastifyInstance, bynder: FakeBynder, logs: () => Array<Record<string, unknown>>, close: () => Promise<void> }

/** Both emulators and the app with the schedule on: import-assets every second, the others off. */
async function scheduleWorld (seed: (dir: string) => Promise<void>, env: Record<string, string> = {}): Promise<ScheduleWorld> {
  const [akeneo, bynder] = await Promise.all([startFakeAkeneo(), startFakeBynder()])
  seedRealisticPortal(bynder)
  const dir = mkdtempSync(join(tmpdir(), 'connector-schedule-'))
  await seed(dir)
  const lines: string[] = []
  const app = await buildApp({
    mapping: loadMapping('mappings/bynder_attribute_mappings.yml'),
    worker: false,
    schedule: true,
    logger: { level: 'info', stream: new Writable({ write (chunk: Buffer, _encoding, done) { lines.push(chunk.toString()); done() } }) },
    env: {
      ...emulatorEnv(akeneo, bynder, dir),
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      BYNDER_MAX_RPS: '100',
      SCHEDULE_IMPORT_ASSETS: '* * * * * *',
      SCHEDULE_UPDATE_PROPERTIES: '',
      SCHEDULE_UPDATE_MAPPED_PROPERTIES: 'off',
      ...env
    }
  })
  await app.ready()
  return {
    app,
    bynder,
    logs: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    close: async () => {
      await app.close()
      await Promise.all([akeneo.close(), bynder.close()])
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

async function until<T> (what: string, probe: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    const found = await probe()
    if (found !== undefined) return found
    await sleep(20)
  }
  throw new Error(`timed out waiting for ${what}`)
}

describe('the schedule plugin (a cron of every second)', () => {
  it('covers a downtime gap: the first tick after a restart starts at the last scheduled run\'s start minus the overlap', async () => {
    const downSince = Date.now() - 3 * 60 * MINUTE
    const w = await scheduleWorld(async (dir) => {
      const store = await openStore(`sqlite:${join(dir, 'connector.db')}`)
      const created = await store.replays.create({ job: 'import-assets', credentialCode: 'bynder', windowStart: downSince - 5 * MINUTE, windowEnd: downSince, dryRun: false, trigger: 'schedule', startedAt: downSince }, 0)
      assert.ok('created' in created)
      await store.replays.finish(created.created.id, { status: 'done', counts: created.created.counts, now: downSince + 1000 })
      await store.close()
    })
    try {
      // Changed during the downtime, outside any 60-minute window.
      const asset = w.bynder.addAsset({ name: 'during-downtime', dateModified: minutesAgo(120), properties: { akeneo_product_sku: ['mug'], akeneo_asset_type: ['packshot_image'] } })
      const run = await until('the first scheduled run', async () => {
        const found = await w.app.store.replays.get(2)
        return found?.status === 'done' ? found : undefined
      })
      assert.equal(run.trigger, 'schedule')
      assert.equal(run.windowStart, downSince - SCHEDULE_OVERLAP_MS)
      assert.ok(Math.abs(run.windowEnd - Date.now()) < 5000)
      assert.deepEqual([run.counts.listed, run.counts.queued], [1, 1])
      const [event] = await w.app.store.listEvents({ limit: 1 })
      assert.equal(event?.task?.entityId, asset.id)
      // The next tick continues from this run's start.
      const next = await until('the second scheduled run', async () => {
        const found = await w.app.store.replays.get(3)
        return found?.status === 'done' ? found : undefined
      })
      assert.equal(next.windowStart, run.startedAt - SCHEDULE_OVERLAP_MS)
    } finally {
      await w.close()
    }
  })

  it('never overlaps runs of one job: a tick while a run is listing is skipped and logged; closing interrupts the run', async () => {
    const w = await scheduleWorld(async () => {}, { SCHEDULE_IMPORT_ASSETS: '0 0 1 1 *' })
    try {
      w.bynder.settings.latencyMs = 300
      const posted = await w.app.inject({ method: 'POST', url: '/replay', headers: auth, payload: { jobs: ['import-assets'] } })
      assert.equal(posted.statusCode, 202)
      assert.equal(await w.app.schedule.tick('import-assets', 'bynder'), 'skipped')
      const skipped = w.logs().find((line) => line.msg === 'scheduled run skipped: a run of this job is still going')
      assert.deepEqual([skipped?.job, skipped?.runningRun, skipped?.trigger], ['import-assets', (posted.json() as { id: number }).id, 'api'])
      // Two ticks at once in this process: the second one does not even ask the store.
      const ticks = [w.app.schedule.tick('update-properties', 'bynder'), w.app.schedule.tick('update-properties', 'bynder')]
      assert.equal(await ticks[1], 'skipped')
      assert.ok(w.logs().some((line) => line.msg === 'scheduled run skipped: the previous one of this job is still listing' && line.job === 'update-properties'))
      await ticks[0]
      const started = Date.now()
      await w.app.close()
      assert.ok(Date.now() - started < 1500, 'close interrupts the listing instead of waiting for it')
      const run = await closedRun(w, (posted.json() as { id: number }).id)
      assert.deepEqual([run?.status, run?.error], ['failed', 'interrupted: the service shut down before the listing finished'])
    } finally {
      await w.close()
    }
  })
})

/** A run as recorded, read after the app (and its store) closed. */
async function closedRun (w: ScheduleWorld, id: number): Promise<{ status: string, error: string | null } | null> {
  const store = await openStore(w.app.config.DATABASE_URL)
  try {
    return await store.replays.get(id)
  } finally {
    await store.close()
  }
}
