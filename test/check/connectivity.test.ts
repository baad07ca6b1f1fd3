import assert from 'node:assert/strict'
import { createServer } from 'node:net'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { EXAMPLE_MAPPING, findLine, LINK_HEAD, startCheckWorld, type CheckWorld } from './check-harness.js'

let world: CheckWorld
beforeEach(async () => { world = await startCheckWorld() })
afterEach(async () => { await world.close() })

/** A port nothing listens on: connections to it are refused. */
async function closedPort (): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => { resolve() }))
  return port
}

const SECRETS = /fake-bynder-permanent-token|fake-client-secret|fake-password|wrong-token-123456|wrong-password-123456/

describe('check: connectivity', () => {
  it('reports a refused Bynder token per credential, without the token, and still checks Akeneo', async () => {
    const run = await world.check(EXAMPLE_MAPPING.replace('color: colors', 'color: colors\n  title: product_title'), { env: { BYNDER_PERMANENT_TOKEN: 'wrong-token-123456' } })
    assert.equal(run.code, 1)
    const line = findLine(run, /^error {2}bynder/)
    assert.match(line, new RegExp(`^error {2}bynder credential bynder \\(${world.bynder.url}\\): authentication refused; check BYNDER_PERMANENT_TOKEN — bynder GET /api/v4/metaproperties/ → 401`))
    assert.match(findLine(run, /\.title:/), /attribute title does not exist in Akeneo/)
    assert.doesNotMatch(run.stdout + run.stderr, SECRETS)
  })

  it('reports a refused Akeneo login without the password, and still checks Bynder', async () => {
    const run = await world.check(EXAMPLE_MAPPING.replace('name: product_name', 'name: product_title'), { env: { AKENEO_PASSWORD: 'wrong-password-123456' } })
    assert.equal(run.code, 1)
    assert.match(findLine(run, /^error {2}akeneo/),
      new RegExp(`^error {2}akeneo \\(${world.akeneo.url}\\): authentication refused; check AKENEO_CLIENT_ID, AKENEO_CLIENT_SECRET, AKENEO_USERNAME and AKENEO_PASSWORD — akeneo POST /api/oauth/v1/token → 422: No user found`))
    assert.match(findLine(run, /\.name:/), /metaproperty "product_title" does not exist in Bynder/)
    // Connectivity comes first, then findings in file order.
    assert.match(run.lines[0]!, /^error {2}akeneo/)
    assert.doesNotMatch(run.stdout + run.stderr, SECRETS)
  })

  it('proves the Akeneo connection even when the mapping names no attribute', async () => {
    world.portal.metaproperties.assetType.options.length = 0
    const clean = await world.check(LINK_HEAD)
    assert.equal(clean.code, 0, clean.stdout)
    assert.ok(world.akeneo.requests.some((r) => r.path === '/api/rest/v1/products-uuid'))
    const refused = await world.check(LINK_HEAD, { env: { AKENEO_PASSWORD: 'wrong-password-123456' } })
    assert.equal(refused.code, 1)
    assert.match(findLine(refused, /^error {2}akeneo/), /authentication refused/)
  })

  it('reports a failing server after one quick retry', async () => {
    world.akeneo.failNext({ status: 503, count: 10 })
    const run = await world.check(EXAMPLE_MAPPING)
    assert.equal(run.code, 1)
    assert.match(findLine(run, /^error {2}akeneo/), /: the server failed; try again later — akeneo GET \/api\/rest\/v1\/attributes → 503/)
    assert.equal(world.akeneo.requests.filter((r) => r.path === '/api/rest/v1/attributes').length, 2)
    assert.equal(run.summary, 'check: 1 error, 0 warnings')
  })

  it('reports an unreachable host (refused connection, unknown name) as such', async () => {
    const port = await closedPort()
    const run = await world.check(EXAMPLE_MAPPING, { env: { AKENEO_BASE_URL: `http://127.0.0.1:${port}`, BYNDER_BASE_URL: 'http://bynder-check.invalid' } })
    assert.equal(run.code, 1)
    assert.match(findLine(run, /^error {2}akeneo/), new RegExp(`^error {2}akeneo \\(http://127\\.0\\.0\\.1:${port}\\): cannot connect .*ECONNREFUSED`))
    assert.match(findLine(run, /^error {2}bynder/), /^error {2}bynder credential bynder \(http:\/\/bynder-check\.invalid\): cannot connect .*(ENOTFOUND|EAI_AGAIN)/)
    assert.equal(run.summary, 'check: 2 errors, 0 warnings')
  })

  it('never prints user info from a base URL', async () => {
    const run = await world.check(EXAMPLE_MAPPING, { env: { BYNDER_BASE_URL: 'http://admin:hunter2-secret@bynder-check.invalid' } })
    assert.match(findLine(run, /^error {2}bynder/), /^error {2}bynder credential bynder \(http:\/\/bynder-check\.invalid\)/)
    assert.doesNotMatch(run.stdout, /hunter2/)
  })
})
