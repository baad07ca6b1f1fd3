import { burstBench } from './burst.js'
import { enrichProductsBench } from './enrich-products.js'
import { intakeBench } from './intake.js'
import { linkAssetsBench } from './link-assets.js'
import { linkCollectionsBench } from './link-collections.js'
import { replayBench } from './replay.js'
import { STORE_BENCHES } from './store-benches.js'
import { issue14Table } from './targets.js'

/** Every bench, run in order; later issues append theirs. Each returns figures to print. */
const BENCHES: Array<{ key: string, name: string, run: () => Promise<Record<string, string | number>> }> = [
  { key: 'intake', name: 'webhook intake (Event Platform, signed, 16 connections; issue 14)', run: intakeBench },
  { key: 'link', name: 'link 1,000 assets through the SNS route (upstream calls per asset)', run: linkAssetsBench },
  { key: 'collections', name: 'link 200 new assets into asset collections through the SNS route, each into 2 products + 1 model (media_link family; issue 16)', run: linkCollectionsBench },
  { key: 'burst', name: 'burst of 200 new assets with the defaults, against the floor of Bynder\'s rate (issue 14)', run: burstBench },
  { key: 'enrich', name: 'enrich 1,000 products through the Event Platform route (Bynder calls per enriched asset)', run: enrichProductsBench },
  { key: 'replay', name: 'replay: 20,000 assets and 20,000 products, 1% changed (calls per listed entity, peak RSS 2,000 vs 20,000 with the default heap)', run: replayBench },
  ...STORE_BENCHES
]

// `npm run bench -- intake stores`: only the benches named (by key); none named runs them all.
const wanted = process.argv.slice(2)
const unknown = wanted.filter((key) => !BENCHES.some((bench) => bench.key === key))
if (unknown.length > 0) {
  process.stderr.write(`unknown bench ${unknown.join(', ')}; known: ${BENCHES.map((bench) => bench.key).join(', ')}\n`)
  process.exit(2)
}

for (const bench of BENCHES.filter((b) => wanted.length === 0 || wanted.includes(b.key))) {
  const started = performance.now()
  process.stdout.write(`\n${bench.name}\n`)
  const figures = await bench.run()
  for (const [label, value] of Object.entries(figures)) process.stdout.write(`  ${label.padEnd(34)} ${value}\n`)
  process.stdout.write(`  (${((performance.now() - started) / 1000).toFixed(1)} s)\n`)
}
process.stdout.write(issue14Table())
