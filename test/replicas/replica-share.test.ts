import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { buildApp } from '../../src/app.js'
import { ConfigError } from '../../src/config/env.js'
import { loadMapping } from '../../src/config/mapping-loader.js'
import { replicaShare } from '../../src/config/replica-share.js'
import { startFakeAkeneo } from '../fakes/akeneo/index.js'
import { startFakeBynder } from '../fakes/bynder/index.js'
import { emulatorEnv } from '../fakes/connector-env.js'

describe('upstream limits split between replicas (REPLICAS)', () => {
  it('gives each replica an equal share of BYNDER_MAX_RPS and AKENEO_MAX_CONCURRENCY', () => {
    assert.deepEqual(replicaShare({ REPLICAS: 1, BYNDER_MAX_RPS: 10, AKENEO_MAX_CONCURRENCY: 4 }), { bynderMaxRps: 10, akeneoMaxConcurrency: 4 })
    assert.deepEqual(replicaShare({ REPLICAS: 3, BYNDER_MAX_RPS: 9, AKENEO_MAX_CONCURRENCY: 4 }), { bynderMaxRps: 3, akeneoMaxConcurrency: 1 })
    assert.throws(() => replicaShare({ REPLICAS: 5, BYNDER_MAX_RPS: 10, AKENEO_MAX_CONCURRENCY: 4 }),
      (error: Error) => error instanceof ConfigError && /REPLICAS \(5\) is more than AKENEO_MAX_CONCURRENCY \(4\)/.test(error.message))
  })

  it('a replica never has more than its share of Akeneo calls in flight', async () => {
    const akeneo = await startFakeAkeneo({ latencyMs: 30 })
    const bynder = await startFakeBynder()
    const dir = mkdtempSync(join(tmpdir(), 'connector-share-'))
    const app = await buildApp({ env: { ...emulatorEnv(akeneo, bynder, dir), REPLICAS: '2', AKENEO_MAX_CONCURRENCY: '4' }, mapping: loadMapping('mappings/bynder_attribute_mappings.yml'), worker: false })
    try {
      await app.ready()
      await Promise.all(Array.from({ length: 8 }, async (_, i) => await app.akeneo.getProductModel(`model-${i}`)))
      assert.equal(akeneo.controls.peakConcurrency, 2)
    } finally {
      await app.close()
      await Promise.all([akeneo.close(), bynder.close()])
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
