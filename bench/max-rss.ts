/** Preloaded into a child process by the replay bench: its peak RSS, printed as it exits. */
process.on('exit', () => {
  process.stderr.write(`max-rss-kb ${process.resourceUsage().maxRSS}\n`)
})
