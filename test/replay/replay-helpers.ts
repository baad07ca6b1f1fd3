import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyInstance } from 'fastify'
import { TEST_ADMIN_TOKEN } from '../helpers/build-test-app.js'

export const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` }

/** `minutes` ago as Bynder writes dates: ISO 8601 to the second. */
export function minutesAgo (minutes: number): string {
  return new Date(Date.now() - minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

export interface RunView {
  id: number
  status: string
  job: string
  trigger: string
  window: { start: string, end: string }
  counts: Record<string, number>
  tasks: Record<'pending' | 'running' | 'done' | 'dead', number>
  error: string | null
  planned?: { writes: Array<{ system: string, operation: string, entity: string, detail: string }>, omitted: number, errors: string[] }
}

export async function getRun (app: FastifyInstance, id: number): Promise<RunView> {
  const res = await app.inject({ method: 'GET', url: `/replay/${id}`, headers: auth })
  if (res.statusCode !== 200) throw new Error(`GET /replay/${id} answered ${res.statusCode}: ${res.body}`)
  return res.json()
}

/** Waits until the run's listing is over. */
export async function waitForRun (app: FastifyInstance, id: number): Promise<RunView> {
  for (let i = 0; i < 1000; i++) {
    const run = await getRun(app, id)
    if (run.status !== 'running') return run
    await sleep(10)
  }
  throw new Error(`replay run ${id} still running`)
}

/** POST /replay, expecting 202; returns every run's id. */
export async function postReplay (app: FastifyInstance, body: Record<string, unknown>): Promise<number[]> {
  const res = await app.inject({ method: 'POST', url: '/replay', headers: auth, payload: body })
  if (res.statusCode !== 202) throw new Error(`POST /replay answered ${res.statusCode}: ${res.body}`)
  return (res.json() as { runs: Array<{ id: number }> }).runs.map((run) => run.id)
}

/** One job over the window, its listing awaited (the queued tasks are left to the caller). */
export async function replayJob (app: FastifyInstance, job: string, body: Record<string, unknown> = {}): Promise<RunView> {
  const [id] = await postReplay(app, { jobs: [job], ...body })
  return await waitForRun(app, id!)
}
