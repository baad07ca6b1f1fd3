import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import { describe, it } from 'node:test'
import type { FastifyBaseLogger } from 'fastify'
import pino from 'pino'
import { REDACT_PATHS } from '../../src/logger.js'
import { lazyChildLogger } from '../../src/webhooks/lazy-child-logger.js'
import { buildTestApp, TEST_EP_SECRETS, type TestApp } from '../helpers/build-test-app.js'
import { cloudEvent, eventPlatformHeaders } from '../helpers/akeneo-signer.js'

type Line = Record<string, unknown>

function capture (): { stream: Writable, lines: Line[] } {
  const lines: Line[] = []
  const stream = new Writable({ write (chunk: Buffer, _encoding, done) { for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Line); done() } })
  return { stream, lines }
}

/** A production-configured pino parent whose `child` calls are counted. */
function countedParent (level = 'info'): { parent: FastifyBaseLogger, lines: Line[], children: () => number } {
  const { stream, lines } = capture()
  const parent = pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, stream)
  let made = 0
  const child = parent.child
  // `this`, not bound: pino's children inherit this method and must make children of themselves.
  parent.child = function (this: typeof parent, ...args: Parameters<typeof child>) { made++; return child.apply(this, args) } as typeof parent.child
  return { parent, lines, children: () => made }
}

describe('lazy request logger (webhook routes)', () => {
  it('writes nothing and builds no pino child below the route level', () => {
    const { parent, lines, children } = countedParent()
    const log = lazyChildLogger(parent, { reqId: 'req-1' }, { level: 'warn' })
    log.info('incoming request')
    log.debug({ events: [1] }, 'recorded')
    log.trace('detail')
    assert.equal(log.level, 'warn')
    assert.equal(children(), 0)
    assert.deepEqual(lines, [])
  })

  it('writes pino child lines at enabled levels: same bindings and redaction, one child per request', () => {
    const { parent, lines, children } = countedParent()
    const log = lazyChildLogger(parent, { reqId: 'req-2' }, { level: 'warn' })
    log.warn({ detail: { token: 'tok-secret' } }, 'request refused')
    log.error(new Error('boom'), 'request failed')
    log.info('still below warn')
    assert.equal(children(), 1)
    assert.equal(lines.length, 2)
    assert.deepEqual(lines.map((line) => [line.level, line.msg, line.reqId]), [[40, 'request refused', 'req-2'], [50, 'request failed', 'req-2']])
    assert.deepEqual(lines[0]!.detail, { token: '[redacted]' })
    assert.equal((lines[1]!.err as { message: string }).message, 'boom')
  })

  it('takes the parent level without a route level, and a level set later applies', () => {
    const { parent, lines } = countedParent('info')
    const log = lazyChildLogger(parent, { reqId: 'req-3' }, {})
    assert.equal(log.level, 'info')
    log.info('at info')
    log.debug('not yet')
    log.level = 'debug'
    log.debug('now')
    assert.deepEqual(lines.map((line) => line.msg), ['at info', 'now'])
  })

  it('keeps child() lazy: nothing built until it writes, then both bindings appear', () => {
    const { parent, lines, children } = countedParent()
    const log = lazyChildLogger(parent, { reqId: 'req-4' }, { level: 'warn' })
    const message = log.child({ snsMessageId: 'm-1' })
    message.info('below the inherited warn')
    assert.equal(children(), 0)
    message.error('verify failed')
    assert.deepEqual(lines.map((line) => [line.msg, line.reqId, line.snsMessageId]), [['verify failed', 'req-4', 'm-1']])
  })

  it('gives a logger that is not pino its child at once', () => {
    let made = 0
    const other = { level: 'info', child: () => { made++; return other } } as unknown as FastifyBaseLogger
    assert.equal(lazyChildLogger(other, { reqId: 'r' }, {}), other)
    assert.equal(made, 1)
  })
})

async function withLoggedApp (level: string, run: (t: TestApp, lines: Line[]) => Promise<void>): Promise<void> {
  const { stream, lines } = capture()
  const t = await buildTestApp({ logger: { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, stream } })
  try { await run(t, lines) } finally { await t.close() }
}
const deliver = async (t: TestApp, secret: string): Promise<{ statusCode: number, signature: string }> => {
  const body = JSON.stringify(cloudEvent())
  const headers = eventPlatformHeaders(body, secret)
  const res = await t.app.inject({ method: 'POST', url: '/webhooks/akeneo', headers, payload: body })
  return { statusCode: res.statusCode, signature: headers['x-akeneo-signature-primary']! }
}
const forRequest = (lines: Line[], reqId: unknown): Line[] => lines.filter((line) => line.reqId === reqId)

describe('webhook request logs with the lazy logger', () => {
  it('at info: an accepted delivery writes no line, a refused one its warning with the request id', () => withLoggedApp('info', async (t, lines) => {
    assert.equal((await deliver(t, TEST_EP_SECRETS[0])).statusCode, 200)
    assert.deepEqual(lines.filter((line) => line.reqId !== undefined), [])
    const refused = await deliver(t, 'not-our-secret')
    assert.equal(refused.statusCode, 401)
    const written = lines.filter((line) => line.reqId !== undefined)
    assert.deepEqual(written.map((line) => [line.level, line.msg]), [[40, 'request refused']])
    assert.deepEqual(forRequest(lines, written[0]!.reqId), written)
    assert.ok(!JSON.stringify(lines).includes(refused.signature))
  }))

  it('at debug: a delivery writes its request lines and what it recorded, and never its signature', () => withLoggedApp('debug', async (t, lines) => {
    const accepted = await deliver(t, TEST_EP_SECRETS[0])
    assert.equal(accepted.statusCode, 200)
    const recorded = lines.find((line) => line.msg === 'Akeneo events recorded')
    assert.ok(recorded !== undefined, JSON.stringify(lines))
    const own = forRequest(lines, recorded.reqId).map((line) => line.msg)
    assert.deepEqual(own, ['incoming request', 'Akeneo events recorded', 'request completed'])
    assert.equal((forRequest(lines, recorded.reqId)[0]!.req as { url?: string }).url, '/webhooks/akeneo')
    assert.ok(!JSON.stringify(lines).includes(accepted.signature))
  }))
})
