import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { EXAMPLE_MAPPING, findLine, startCheckWorld, type CheckWorld } from './check-harness.js'

async function withWorld (options: Parameters<typeof startCheckWorld>[0], fn: (w: CheckWorld) => Promise<void>): Promise<void> {
  const world = await startCheckWorld(options)
  try { await fn(world) } finally { await world.close() }
}

describe('check: the Akeneo platform', () => {
  it('refuses a PIM before 7.0 (no products-uuid routes), naming the version it reports', () => withWorld({ version: '6.0' }, async (w) => {
    const run = await w.check(EXAMPLE_MAPPING)
    assert.equal(run.code, 1, run.stdout)
    assert.match(findLine(run, /products-uuid/), /^error {2}akeneo \(.*\): this Akeneo has no \/api\/rest\/v1\/products-uuid routes \(it reports version 6\.0\.28, edition CE\): the connector needs Akeneo 7\.0 or later, or Akeneo SaaS .*5\.x and 6\.x are not supported/)
  }))

  it('says nothing about the platform on a 7.0 CE, and warns on EE when sampled products are not owned by the connection', async () => {
    await withWorld({}, async (w) => {
      const run = await w.check(EXAMPLE_MAPPING)
      assert.equal(run.lines.filter((line) => /products-uuid|not owned/.test(line)).length, 0, run.stdout)
    })
    await withWorld({ edition: 'EE', defaultRight: 'view' }, async (w) => {
      const run = await w.check(EXAMPLE_MAPPING)
      assert.match(findLine(run, /not owned/), /^warning {2}akeneo \(.*\): 4 of 4 sampled products are not owned by the connection's user \(workflow status read_only ×4\): .*"own" rights/)
    })
  })
})
