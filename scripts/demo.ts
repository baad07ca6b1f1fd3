import { startRunningWorld } from './link-world.js'

/**
 * `npm run demo`: both emulators with a small catalog, the service against them, signed SNS
 * notifications for four assets, then what landed where. Loopback only; exits by itself.
 */
const started = Date.now()
const world = await startRunningWorld()
const say = (line = ''): void => { process.stdout.write(`${line}\n`) }
try {
  say(`service on ${world.url}; Akeneo emulator ${world.akeneo.url}; Bynder emulator ${world.bynder.url}`)
  const { bynder } = world
  const assets = [
    bynder.addAsset({ name: 'sunglasses-packshot', extension: ['jpg'], properties: { akeneo_product_sku: ['sunglasses', 'mug'], akeneo_model_code: ['tshirt'], akeneo_asset_type: ['Packshot'] } }),
    bynder.addAsset({ name: 'tshirt-red-on-the-beach', extension: ['jpg'], properties: { akeneo_product_sku: ['tshirt-red'], akeneo_asset_type: ['application'], akeneo_sort_order: '1' } }),
    bynder.addAsset({ name: 'tshirt-red-in-the-city', extension: ['png'], properties: { akeneo_product_sku: ['tshirt-red'], akeneo_asset_type: ['application'], akeneo_sort_order: '2' } }),
    bynder.addAsset({ name: 'old-mug-photo', extension: ['jpg'], archive: true, properties: { akeneo_product_sku: ['mug'], akeneo_asset_type: ['application'] } })
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
} finally {
  await world.close()
}
