/**
 * Preloaded into a child process by the replay bench: its peak RSS, and the peak size of
 * V8's heap (sampled), printed as it exits — to tell a growing heap from native memory.
 */
let peakHeapTotal = 0
const sampler = setInterval(() => { peakHeapTotal = Math.max(peakHeapTotal, process.memoryUsage().heapTotal) }, 50)
sampler.unref()
process.on('exit', () => {
  process.stderr.write(`max-rss-kb ${process.resourceUsage().maxRSS}\npeak-heap-kb ${Math.round(peakHeapTotal / 1024)}\n`)
})
