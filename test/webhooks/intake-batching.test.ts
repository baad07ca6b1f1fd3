import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { describe, it } from 'node:test'
import type { IncomingEvent, IntakeOutcome } from '../../src/store/store.js'
import { createIntakeBatcher } from '../../src/webhooks/intake-batcher.js'
import { cloudEvent, eventPlatformHeaders } from '../helpers/akeneo-signer.js'
import { buildTestApp, TEST_EP_SECRETS, type TestApp } from '../helpers/build-test-app.js'

async function withApp (run: (t: TestApp) => Promise<void>): Promise<void> {
  const t = await buildTestApp()
  try { await run(t) } finally { await t.close() }
}

const deliver = (t: TestApp, event: Record<string, unknown>) => {
  const body = JSON.stringify(event)
  return t.app.inject({ method: 'POST', url: '/webhooks/akeneo', headers: eventPlatformHeaders(body, TEST_EP_SECRETS[0]), payload: body })
}

/** Records the size of every store.intake call, so a test can prove deliveries shared commits. */
function spyOnIntake (t: TestApp): number[] {
  const sizes: number[] = []
  const intake = t.app.store.intake.bind(t.app.store)
  t.app.store.intake = async (events) => { sizes.push(events.length); return intake(events) }
  return sizes
}

describe('intake group commit (issue 14)', () => {
  it('commits 200 concurrent deliveries in shared transactions: every 200 is persisted, duplicates once, same product coalesced', () => withApp(async (t) => {
    const sizes = spyOnIntake(t)
    const sharedProduct = randomUUID()
    const events = Array.from({ length: 170 }, (_, i) => cloudEvent({ uuid: i < 20 ? sharedProduct : randomUUID() }))
    // 30 redeliveries of events in the same burst (Akeneo retries a delivery it thinks failed).
    const deliveries = [...events, ...events.slice(0, 30)]
    const answers = await Promise.all(deliveries.map((event) => deliver(t, event)))
    assert.deepEqual(answers.map((a) => a.statusCode), deliveries.map(() => 200))
    assert.ok(sizes.some((size) => size > 1), `no delivery shared a commit: ${sizes.join(',')}`)
    const duplicates = answers.reduce((sum, a) => sum + (a.json() as { duplicate: number }).duplicate, 0)
    assert.equal(duplicates, 30)

    const stored = await t.app.store.listEvents({ limit: 500 })
    assert.equal(stored.length, 170)
    assert.equal(stored.filter((e) => e.deliveries === 2).length, 30)
    const shared = stored.filter((e) => e.task?.entityKey === `product:${sharedProduct}`)
    assert.equal(shared.length, 20)
    assert.equal(new Set(shared.map((e) => e.taskId)).size, 1, 'the 20 events of one product feed one task')
    assert.equal(await t.app.store.countPending(), 151)
  }))

  it('answers 500 to every delivery of a batch the store cannot commit, and records none of them', () => withApp(async (t) => {
    t.app.store.intake = async () => { throw new Error('disk I/O error') }
    const answers = await Promise.all(Array.from({ length: 20 }, () => deliver(t, cloudEvent())))
    assert.deepEqual(answers.map((a) => a.statusCode), answers.map(() => 500))
    assert.equal((await t.app.store.listEvents({ limit: 10 })).length, 0)
  }))

  it('fails only the delivery whose event the store refuses; the others of its batch are committed and answered 200', () => withApp(async (t) => {
    const sizes = spyOnIntake(t)
    const poisoned = 'poisoned-event-id'
    const spied = t.app.store.intake
    t.app.store.intake = async (events) => {
      if (events.some((e) => e.sourceEventId === poisoned)) throw new Error('constraint failed')
      return spied(events)
    }
    const events = Array.from({ length: 20 }, (_, i) => cloudEvent({ id: i === 7 ? poisoned : randomUUID() }))
    const answers = await Promise.all(events.map((event) => deliver(t, event)))
    assert.ok(sizes.length > 0)
    assert.equal(answers[7]!.statusCode, 500)
    assert.deepEqual(answers.filter((_, i) => i !== 7).map((a) => a.statusCode), Array(19).fill(200))
    const stored = await t.app.store.listEvents({ limit: 50 })
    assert.equal(stored.length, 19)
    assert.ok(!stored.some((e) => e.sourceEventId === poisoned))
  }))
})

describe('createIntakeBatcher', () => {
  const event = (id: string): IncomingEvent => ({ source: 'replay', sourceEventId: id, type: 't', receivedAt: 0 })
  const echo = (calls: string[][]) => async (events: IncomingEvent[]): Promise<IntakeOutcome[]> => {
    calls.push(events.map((e) => e.sourceEventId))
    return events.map((_, i) => ({ eventId: i, status: 'ignored', taskId: null }))
  }

  it('joins submissions of one turn into one call, hands each its own outcomes, and splits above maxEvents', async () => {
    const calls: string[][] = []
    const batcher = createIntakeBatcher(echo(calls), 3)
    const results = await Promise.all([batcher.submit([event('a'), event('b')]), batcher.submit([event('c')]), batcher.submit([event('d'), event('e')])])
    assert.deepEqual(calls, [['a', 'b', 'c'], ['d', 'e']])
    assert.deepEqual(results.map((r) => r.map((o) => o.eventId)), [[0, 1], [2], [0, 1]])
  })

  it('does not resolve a submission before the store call that holds it has resolved', async () => {
    let commit: () => void = () => {}
    const committed = new Promise<void>((resolve) => { commit = resolve })
    const batcher = createIntakeBatcher(async (events) => { await committed; return events.map(() => ({ eventId: 1, status: 'accepted', taskId: 1 })) })
    let answered = false
    const answer = batcher.submit([event('a')]).then(() => { answered = true })
    await new Promise((resolve) => setTimeout(resolve, 20))
    assert.equal(answered, false)
    commit()
    await answer
    assert.equal(answered, true)
  })
})
