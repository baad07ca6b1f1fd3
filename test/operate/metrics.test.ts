import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { operationOf } from '../../src/metrics/operations.js'
import { startLinkWorld } from '../handlers/link-harness.js'
import { buildTestApp, TEST_ADMIN_TOKEN } from '../helpers/build-test-app.js'
import { waitForRun } from '../replay/replay-helpers.js'

/** `name{labels} value` lines of a scrape, by their name-and-labels part. */
function samples (text: string): Map<string, number> {
  const found = new Map<string, number>()
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue
    const at = line.lastIndexOf(' ')
    found.set(line.slice(0, at), Number(line.slice(at + 1)))
  }
  return found
}

describe('GET /metrics against the emulators', () => {
  it('counts deliveries, tasks, upstream calls (429s included), waits, links and replay runs, with bounded labels', async () => {
    const w = await startLinkWorld()
    try {
      // Modified a minute ago: inside the replay's window.
      const dateModified = new Date(Date.now() - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z')
      const linked = w.asset({ name: 'front', dateModified, properties: { akeneo_product_sku: ['sunglasses', 'mug'], akeneo_model_code: ['tshirt'], akeneo_asset_type: ['packshot_image'] } })
      const refused = w.asset({ name: 'private', dateModified, isPublic: false, properties: { akeneo_product_sku: ['mug'], akeneo_asset_type: ['image_url'] } })
      w.bynder.failNext({ status: 429, count: 1 })
      await w.notify(linked, 'asset_bank.media.create')
      await w.notify(refused)
      await w.notify(refused, 'asset_bank.media.meta_updated', 'same-message-twice')
      await w.notify(refused, 'asset_bank.media.meta_updated', 'same-message-twice')
      await w.settle()
      const [run] = (await w.app.inject({ method: 'POST', url: '/replay', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` }, payload: { jobs: ['import-assets'], dry_run: true } })).json().runs as Array<{ id: number }>
      await waitForRun(w.app, run!.id)

      const response = await w.app.inject({ method: 'GET', url: '/metrics' })
      assert.equal(response.statusCode, 200)
      assert.match(response.headers['content-type'] as string, /^text\/plain; version=0\.0\.4/)
      const m = samples(response.body)
      const get = (key: string): number | undefined => m.get(key)
      assert.equal(get('connector_deliveries_total{source="bynder",outcome="accepted"}'), 3)
      assert.equal(get('connector_deliveries_total{source="bynder",outcome="duplicate"}'), 1)
      assert.equal(get('connector_inbox_tasks{kind="asset",status="done"}'), 1)
      assert.equal(get('connector_inbox_tasks{kind="asset",status="dead"}'), 1)
      assert.equal(get('connector_inbox_tasks{kind="asset",status="pending"}'), 0)
      assert.equal(get('connector_inbox_oldest_pending_age_seconds'), 0)
      assert.equal(get('connector_task_duration_seconds_count{kind="asset",outcome="done"}'), 1)
      assert.equal(get('connector_task_attempts_count{kind="asset",outcome="dead"}'), 1)
      assert.equal(get('connector_upstream_requests_total{api="bynder",operation="GET /api/v4/media/{id}/",status="429"}'), 1)
      assert.ok((get('connector_upstream_requests_total{api="bynder",operation="GET /api/v4/media/{id}/",status="200"}') ?? 0) >= 2)
      assert.equal(get('connector_upstream_rate_limited_total{api="bynder"}'), 1)
      assert.equal(get('connector_upstream_requests_total{api="akeneo",operation="POST /api/oauth/v1/token",status="200"}'), 1)
      assert.equal(get('connector_upstream_requests_total{api="akeneo",operation="POST /api/rest/v1/media-files",status="201"}'), 3)
      assert.ok((get('connector_upstream_wait_seconds_count{api="bynder",bound="rate_limit"}') ?? 0) >= 3)
      assert.ok((get('connector_upstream_wait_seconds_count{api="akeneo",bound="concurrency"}') ?? 0) >= 4)
      assert.equal(get('connector_links_total{change="written"}'), 3)
      assert.equal(get('connector_replay_runs_total{job="import-assets",outcome="done",dry_run="true"}'), 1)
      assert.ok((get('connector_replay_entities_total{job="import-assets",count="listed"}') ?? 0) >= 2)
      assert.ok((get('connector_replay_entities_total{job="import-assets",count="settled"}') ?? 0) >= 1)
      assert.equal(get('connector_http_requests_total{method="POST",route="/webhooks/bynder",status_code="200"}'), 4)
      assert.ok(get('process_resident_memory_bytes') !== undefined || get('nodejs_heap_size_used_bytes') !== undefined, 'default process metrics')
      // Bounded labels: no id, code or URL of an entity reaches a label.
      for (const id of [linked.id, refused.id, 'sunglasses', 'tshirt', '127.0.0.1']) assert.ok(!response.body.includes(id), `the scrape names ${id}`)
    } finally {
      await w.close()
    }
  })
})

describe('GET /metrics access', () => {
  it('is open by default; with METRICS_TOKEN it wants that bearer token (and not the admin one)', async () => {
    const open = await buildTestApp()
    const closed = await buildTestApp({ env: { METRICS_TOKEN: 'metrics-token-0123456789' } })
    try {
      assert.equal((await open.app.inject({ method: 'GET', url: '/metrics' })).statusCode, 200)
      const refused = await closed.app.inject({ method: 'GET', url: '/metrics' })
      assert.equal(refused.statusCode, 401)
      assert.match(refused.headers['www-authenticate'] as string, /^Bearer/)
      assert.equal((await closed.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } })).statusCode, 401)
      assert.equal((await closed.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer metrics-token-0123456789' } })).statusCode, 200)
    } finally {
      await open.close()
      await closed.close()
    }
  })

  it('refuses a METRICS_TOKEN shorter than 16 characters at start, naming it', async () => {
    await assert.rejects(buildTestApp({ env: { METRICS_TOKEN: 'short' } }), /METRICS_TOKEN/)
  })
})

describe('upstream operations', () => {
  it('names routes, never ids, codes or queries; unknown paths are "other"', () => {
    assert.equal(operationOf('bynder', 'get', '/api/v4/media/4F3A-9C/?versions=1'), 'GET /api/v4/media/{id}/')
    assert.equal(operationOf('bynder', 'POST', '/bynder/api/v4/media/ABC/'), 'POST /api/v4/media/{id}/')
    assert.equal(operationOf('bynder', 'POST', '/api/v4/metaproperties/MP1/options/'), 'POST /api/v4/metaproperties/{id}/options/')
    assert.equal(operationOf('bynder', 'GET', '/api/v4/media/X/download/'), 'GET /api/v4/media/{id}/download/')
    assert.equal(operationOf('akeneo', 'GET', '/api/rest/v1/media-files/a/b/c/abc_file.jpg/download'), 'GET /api/rest/v1/media-files/{code}/download')
    assert.equal(operationOf('akeneo', 'PATCH', '/api/rest/v1/products-uuid/0b6b-11'), 'PATCH /api/rest/v1/products-uuid/{uuid}')
    assert.equal(operationOf('akeneo', 'GET', '/api/rest/v1/products/SKU-1?with=x'), 'GET /api/rest/v1/products/{identifier}')
    assert.equal(operationOf('akeneo', 'GET', '/api/rest/v1/families/shoes'), 'GET other')
    assert.equal(operationOf('akeneo', 'BREW', '/x'), 'OTHER other')
  })
})
