import { burstBench } from './burst.js'
import { enrichProductsBench } from './enrich-products.js'
import { intakeBench } from './intake.js'
import { linkAssetsBench } from './link-assets.js'
import { linkCollectionsBench } from './link-collections.js'
import { replayBench } from './replay.js'
import { STORE_BENCHES } from './store-benches.js'
import { issue14Table } from './targets.js'

/** Every bench, run in order; later issues append theirs. Each returns figures to print. */
const BENCHES: Array<{ name: string, run: () => Promise<Record<string, string | number>> }> = [
  { name: 'webhook intake (Event Platform, signed, 16 connections; issue 14)', run: intakeBench },
  { name: 'link 1,000 assets through the SNS route (upstream calls per asset)', run: linkAssetsBench },
  { name: 'link 200 new assets into asset collections through the SNS route, each into 2 products + 1 model (media_link family; issue 16)', run: linkCollectionsBench },
  { name: 'burst of 200 new assets with the defaults, against the floor of Bynder\'s rate (issue 14)', run: burstBench },
  { name: 'enrich 1,000 products through the Event Platform route (Bynder calls per enriched asset)', run: enrichProductsBench },
  { name: 'replay: 20,000 assets and 20,000 products, 1% changed (calls per listed entity, peak RSS 2,000 vs 20,000 with the default heap)', run: replayBench },
  ...STORE_BENCHES
]

for (const bench of BENCHES) {
  const started = performance.now()
  process.stdout.write(`\n${bench.name}\n`)
  const figures = await bench.run()
  for (const [label, value] of Object.entries(figures)) process.stdout.write(`  ${label.padEnd(34)} ${value}\n`)
  process.stdout.write(`  (${((performance.now() - started) / 1000).toFixed(1)} s)\n`)
}
process.stdout.write(issue14Table())
