import { assetManagerOf } from '../test/fakes/akeneo/asset-state.js'
import { findProductByIdentifier } from '../test/fakes/akeneo/state.js'
import { ADMIN_TOKEN, startRunningWorld } from './link-world.js'

/**
 * `npm run demo`: both emulators with a small catalog, the service against them, signed SNS
 * notifications for five assets and what landed where (one into an asset collection); then a product edit in Akeneo flowing
 * back to Bynder; then a change whose webhook was never sent, found by a replay (dry run
 * first). Then a few of the metrics it produced. Loopback only; exits by itself, or with
 * `--keep` keeps the service running for the console until Ctrl-C.
 */
const keep = process.argv.slice(2).includes('--keep')
const started = Date.now()
// The Asset Manager seeded too: packshots_collection holds assets of the packshots family
// (main media a media_link, here to the public original, as derivative_to_use is original).
const world = await startRunningWorld({}, { assetFamilies: true, mapping: { asset_family_attribute_mappings: { packshots: { title: 'name' } } } })
const say = (line = ''): void => { process.stdout.write(`${line}\n`) }
try {
  say(`service on ${world.url}; Akeneo emulator ${world.akeneo.url}; Bynder emulator ${world.bynder.url}`)
  const { bynder } = world
  const assets = [
    bynder.addAsset({ name: 'sunglasses-packshot', extension: ['jpg'], properties: { akeneo_product_sku: ['sunglasses', 'mug'], akeneo_model_code: ['tshirt'], akeneo_asset_type: ['Packshot'] } }),
    bynder.addAsset({ name: 'tshirt-red-on-the-beach', extension: ['jpg'], properties: { akeneo_product_sku: ['tshirt-red'], akeneo_asset_type: ['application'], akeneo_sort_order: '1' } }),
    bynder.addAsset({ name: 'tshirt-red-in-the-city', extension: ['png'], properties: { akeneo_product_sku: ['tshirt-red'], akeneo_asset_type: ['application'], akeneo_sort_order: '2' } }),
    bynder.addAsset({ name: 'old-mug-photo', extension: ['jpg'], archive: true, properties: { akeneo_product_sku: ['mug'], akeneo_asset_type: ['application'] } }),
    bynder.addAsset({ name: 'sunglasses-on-white', extension: ['jpg'], isPublic: true, properties: { akeneo_product_sku: ['sunglasses'], akeneo_model_code: ['tshirt'], akeneo_asset_type: ['packshots_collection'] } })
  ]
  for (const asset of assets) {
    await world.notify(asset.id, 'asset_bank.media.create')
    say(`sent asset_bank.media.create for ${asset.name}${asset.archive ? ' (archived)' : ''}`)
  }
  await world.idle(30_000)

  const links = await world.app.store.links.list({ limit: 1000 })
  const rows = links.map((link) => [`${link.targetType === 'product' ? 'product' : 'model'} ${link.targetCode}`, link.attribute, link.assetName ?? link.assetId, link.status === 'linked' ? link.value ?? '' : '(waiting for the product)'])
  const header = ['product/model', 'attribute', 'asset', 'media code or URL']
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)))
  const line = (cells: string[]): string => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()
  say()
  say(line(header))
  say(line(widths.map((w) => '-'.repeat(w))))
  for (const row of rows) say(line(row))

  const events = await world.app.store.listEvents({ limit: 100, kind: 'asset' })
  say()
  for (const event of events.reverse()) say(`task ${event.task?.status ?? '-'}: ${event.task?.outcome ?? event.task?.lastError ?? ''}`)
  const uploads = world.akeneo.requests.filter((r) => r.method === 'POST' && r.path === '/api/rest/v1/media-files').length
  const linked = links.filter((link) => link.status === 'linked').length
  say()
  say(`${assets.length} assets notified, ${linked} links in Akeneo, ${uploads} media uploads; ` +
    `${world.bynder.requests.length} Bynder calls, ${world.akeneo.requests.length} Akeneo calls; ${((Date.now() - started) / 1000).toFixed(1)} s`)
  say(`the archived asset "${assets[3]!.name}" was linked nowhere (asset_unlink_after_archiving: true)`)

  // Read back from the Akeneo emulator: the asset collection and the Akeneo asset made for it.
  for (const target of ['sunglasses', 'tshirt']) {
    const entity = target === 'tshirt' ? world.akeneo.state.productModels.get(target) : findProductByIdentifier(world.akeneo.state, target)
    say(`asset collection packshots_collection of ${target === 'tshirt' ? 'model' : 'product'} ${target}: ${JSON.stringify(entity?.values.packshots_collection?.[0]?.data ?? [])}`)
  }
  for (const made of assetManagerOf(world.akeneo.state).families.get('packshots')?.assets.values() ?? []) {
    say(`  Akeneo asset ${made.code} (family packshots): media ${String(made.values.media?.[0]?.data)}, title ${String(made.values.title?.[0]?.data)}`)
  }

  // Akeneo → Bynder: a product edit flows back as metaproperties of the assets it uses.
  say()
  say('— Akeneo → Bynder: the mug renamed and given a brand in Akeneo, one product.updated event —')
  const mug = findProductByIdentifier(world.akeneo.state, 'mug')!
  mug.values.name = [{ locale: 'en_US', scope: null, data: 'Travel mug' }]
  mug.values.brand = [{ locale: null, scope: null, data: 'acme' }]
  mug.updated = Date.now()
  const writesBefore = world.bynder.writes.length
  await world.productEvent(mug.uuid)
  await world.idle(30_000)
  // Bynder answers a metaproperty write 202 and shows it in reads a moment later (the emulator too).
  await world.bynder.writesApplied()
  const packshot = world.bynder.state.assets.get(assets[0]!.id)!
  for (const [mpId, value] of Object.entries(packshot.values)) {
    const mp = world.bynder.state.metaproperties.get(mpId)!
    const shown = typeof value === 'string' ? value : value.map((id) => mp.options.find((o) => o.id === id)?.name ?? id).join(', ')
    say(`  ${packshot.name}  ${mp.name.padEnd(20)} ${shown}`)
  }
  const [productTask] = await world.app.store.listEvents({ limit: 1, kind: 'product' })
  say(`task ${productTask?.task?.status ?? '-'}: ${productTask?.task?.outcome ?? productTask?.task?.lastError ?? ''}`)
  say(`${world.bynder.writes.length - writesBefore} Bynder write(s): one POST per asset, with only what differs`)

  // A dropped event: the polling fallback finds the change, a dry run first.
  say()
  say('— a webhook Bynder never sent: "tshirt-red-in-the-city" retagged to tshirt-blue, no notification —')
  const city = world.bynder.state.assets.get(assets[2]!.id)!
  const sku = world.bynder.state.metaproperties.get(Object.keys(city.values).find((id) => world.bynder.state.metaproperties.get(id)?.name === 'akeneo_product_sku')!)!
  city.values[sku.id] = [(sku.options.find((o) => o.name === 'tshirt-blue') ?? world.bynder.addOption(sku, { name: 'tshirt-blue' })).id]
  city.dateModified = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
  for (const dryRun of [true, false]) {
    const started = await world.admin('POST', '/replay', { jobs: ['import-assets'], max_updated_time_in_minutes: 10, dry_run: dryRun })
    const id = (started.json as { id: number }).id
    let run: { status: string, counts: Record<string, number>, tasks: Record<string, number>, planned?: { writes: Array<{ operation: string, entity: string, detail: string }> } }
    do {
      await world.idle(30_000)
      run = (await world.admin('GET', `/replay/${id}`)).json as typeof run
    } while (run.status === 'running')
    say(`POST /replay ${dryRun ? '(dry run) ' : ''}→ run ${id}: listed ${run.counts.listed}, settled ${run.counts.settled}, ` +
      (dryRun ? `would write:` : `queued ${run.counts.queued}; tasks done ${run.tasks.done}, dead ${run.tasks.dead}`))
    for (const write of run.planned?.writes ?? []) say(`  would ${write.operation} ${write.entity}: ${write.detail}`)
  }
  await world.idle(30_000)
  say(`now: tshirt-blue application_image_2 holds ${JSON.stringify(findProductByIdentifier(world.akeneo.state, 'tshirt-blue')!.values.application_image_2?.[0]?.data ?? null)}, ` +
    `tshirt-red application_image_2 holds ${JSON.stringify(findProductByIdentifier(world.akeneo.state, 'tshirt-red')!.values.application_image_2?.[0]?.data ?? null)}`)
  say(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`)

  say()
  say(`— some of the metrics this produced (GET ${world.url}/metrics) —`)
  const scrape = await (await fetch(`${world.url}/metrics`)).text()
  const wanted = [/^connector_deliveries_total/, /^connector_inbox_tasks\{kind="asset"/, /^connector_task_duration_seconds_count/, /^connector_upstream_requests_total\{api="akeneo",operation="POST/,
    /^connector_upstream_requests_total\{api="bynder",operation="POST/, /^connector_upstream_rate_limited_total/, /^connector_links_total/, /^connector_replay_runs_total/]
  for (const metric of scrape.split('\n').filter((l) => wanted.some((pattern) => pattern.test(l)))) say(`  ${metric}`)

  say()
  if (keep) {
    say(`The service keeps running. Operator console: ${world.url}/console  (admin token: ${ADMIN_TOKEN})`)
    say(`API document: ${world.url}/docs   metrics: ${world.url}/metrics   Ctrl-C stops it.`)
    await new Promise<void>((resolve) => { process.once('SIGINT', resolve); process.once('SIGTERM', resolve) })
  } else {
    say('npm run demo -- --keep leaves the service running, with the operator console to look at it.')
  }
} finally {
  await world.close()
}
