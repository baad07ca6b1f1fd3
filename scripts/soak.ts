import { runCrashTest, type CrashStore } from '../test/reliability/crash.js'
import { runFaultSoak } from '../test/reliability/faults.js'
import { runHostileCorpus } from '../test/reliability/hostile.js'

/**
 * `npm run soak`: the full reliability suite against the emulators (loopback only, every loop
 * bounded): on SQLite and on PostgreSQL, 10 SIGKILLs during a burst of 150 asset notifications
 * with the default lease; a soak with 20 % upstream faults; the hostile corpus (~5,700
 * requests). `npm run soak -- crash` (or `faults`, `hostile`) runs only the parts named.
 * Prints the figures and exits 1 when one misses its target.
 */
const PARTS = ['crash', 'faults', 'hostile']
const named = process.argv.slice(2)
const unknown = named.filter((part) => !PARTS.includes(part))
if (unknown.length > 0) {
  process.stderr.write(`unknown soak part(s): ${unknown.join(', ')} (parts: ${PARTS.join(', ')})\n`)
  process.exit(2)
}
const runs = (part: string): boolean => named.length === 0 || named.includes(part)
const say = (line: string): void => { process.stdout.write(`${line}\n`) }
const started = Date.now()
const checks: Array<[string, number | string, boolean]> = []
let secrets = 0

if (runs('crash')) {
  for (const store of ['sqlite', 'postgres'] satisfies CrashStore[]) {
    say(`crash test (${store}): 150 assets, 10 × SIGKILL, WORKER_LEASE_MS default …`)
    const crash = await runCrashTest({ store, assets: 150, kills: 10, killEveryMs: 1500, sendEveryMs: 60, deadlineMs: 240_000 })
    say(JSON.stringify(crash))
    checks.push([`${store}: events lost`, crash.eventsLost + (crash.assets - crash.acknowledged), crash.eventsLost === 0 && crash.acknowledged === crash.assets && crash.tasks.open === 0])
    checks.push([`${store}: duplicate uploads over ${crash.kills} kills`, crash.duplicateUploads, crash.duplicateUploads === 0 && crash.missingUploads === 0 && crash.kills === 10])
    checks.push([`${store}: drain after the last restart (s)`, (crash.drainAfterLastRestartMs / 1000).toFixed(1), crash.drainAfterLastRestartMs <= 30_000])
    secrets += crash.secretsInLogs
  }
}

if (runs('faults')) {
  say('fault soak: 150 assets, 20 % of upstream calls failing, 0–300 ms latency …')
  const faults = await runFaultSoak({ assets: 150, faultRate: 0.2, deadlineMs: 240_000 })
  say(JSON.stringify(faults))
  checks.push(['dead tasks under 20 % faults', faults.tasks.dead, faults.tasks.dead === 0 && faults.tasks.done === faults.assets])
  secrets += faults.secretsInLogs
}

if (runs('hostile')) {
  say('hostile corpus …')
  const hostile = await runHostileCorpus({ rounds: 120, bombRounds: 20 })
  say(JSON.stringify(hostile))
  checks.push([`hostile requests accepted (of ${hostile.requests})`, hostile.accepted, hostile.accepted === 0 && hostile.tasksCreated === 0])
  checks.push(['hostile requests answered 5xx', hostile.serverErrors, hostile.serverErrors === 0])
  checks.push(['peak RSS over idle (MB)', hostile.peakRssOverIdleMb, hostile.peakRssOverIdleMb <= 100])
  secrets += hostile.secretsInLogs
}
checks.push(['secrets in logs (debug level)', secrets, secrets === 0])

say('')
for (const [name, value, ok] of checks) say(`${ok ? 'ok  ' : 'MISS'}  ${name}: ${value}`)
say(`soak finished in ${((Date.now() - started) / 1000).toFixed(0)} s`)
process.exitCode = checks.every(([, , ok]) => ok) ? 0 : 1
