import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { runCrashTest, type CrashFigures } from './crash.js'
import { runFaultSoak } from './faults.js'
import { runHostileCorpus } from './hostile.js'

// The short version of `npm run soak` (scripts/soak.ts): real service processes, small sizes.
describe('reliability (short version; `npm run soak` runs the full one)', () => {
  const assertCrashFigures = (figures: CrashFigures): void => {
    const all = JSON.stringify(figures)
    assert.equal(figures.acknowledged, figures.assets, all)
    assert.equal(figures.eventsLost, 0, all)
    assert.equal(figures.tasks.dead, 0, all)
    assert.equal(figures.duplicateUploads, 0, all)
    assert.equal(figures.missingUploads, 0, all)
    assert.equal(figures.secretsInLogs, 0)
  }

  // The deadlines only bound a stuck run: each service start compiles through tsx, ~25 s on a loaded machine.
  it('crash (SQLite): a service SIGKILLed during a burst loses nothing and uploads each asset once', async () => {
    const figures = await runCrashTest({ store: 'sqlite', assets: 12, kills: 1, killEveryMs: 700, sendEveryMs: 60, leaseMs: 2000, deadlineMs: 120_000 })
    assert.equal(figures.kills, 1)
    assertCrashFigures(figures)
  })

  it('crash (PostgreSQL): the same on a database of its own, restarted on it', async () => {
    const figures = await runCrashTest({ store: 'postgres', assets: 12, kills: 1, killEveryMs: 700, sendEveryMs: 60, leaseMs: 2000, deadlineMs: 120_000 })
    assert.equal(figures.kills, 1)
    assertCrashFigures(figures)
  })

  it('faults: 20 % of upstream calls failing (500/502/503/429, Retry-After or not) leave no task dead', async () => {
    const figures = await runFaultSoak({ assets: 12, faultRate: 0.2, deadlineMs: 60_000 })
    assert.ok(figures.faulted > 0, 'faults were injected')
    assert.deepEqual({ dead: figures.tasks.dead, open: figures.tasks.open, done: figures.tasks.done }, { dead: 0, open: 0, done: figures.assets }, JSON.stringify(figures))
    assert.equal(figures.duplicateUploads, 0)
    assert.equal(figures.secretsInLogs, 0)
  })

  it('hostile input: nothing accepted, no 5xx, JSON bombs cheap, no secret in the debug log', async () => {
    const figures = await runHostileCorpus({ rounds: 1, bombRounds: 1 })
    assert.equal(figures.accepted, 0, figures.acceptedKinds.join('; '))
    assert.equal(figures.serverErrors, 0, JSON.stringify(figures.byStatus))
    assert.equal(figures.tasksCreated, 0)
    assert.ok(figures.peakRssOverIdleMb <= 100, `${figures.peakRssOverIdleMb} MB over idle`)
    assert.ok(figures.largestAnswerBytes < 1024)
    assert.equal(figures.secretsInLogs, 0)
  })
})
