import type { ReplayRun } from '../store/replay-store.js'
import type { StoredEvent, Task, TaskStatus } from '../store/store.js'

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')

/** The one-line progress a terminal shows (rewritten in place with `\r`). */
export function progressLine (run: ReplayRun, tasks: Record<TaskStatus, number>, listing: boolean): string {
  const { counts } = run
  const listed = `${listing ? 'listing… ' : ''}listed ${counts.listed}, settled ${counts.settled}, ${run.dryRun ? `planned ${counts.planned}` : `queued ${counts.queued}`}`
  if (run.dryRun) return `${run.job}: ${listed}`
  const toGo = tasks.pending + tasks.running
  return `${run.job}: ${listed} | tasks ${tasks.done} done, ${tasks.dead} dead, ${toGo} to go`
}

/** Every listing finished, no task died, a dry run could plan everything, nothing interrupted it. */
export function succeeded (run: ReplayRun, tasks: Record<TaskStatus, number>, interrupted: boolean): boolean {
  return run.status === 'done' && tasks.dead === 0 && run.counts.failed === 0 && !interrupted
}

/**
 * What a crontab mails: the window, the counts, the tasks' outcome and how long it took;
 * then why it failed (a listing, dead tasks with their last error) or, for a dry run, the
 * writes it would make.
 */
export function summary (args: {
  run: ReplayRun
  tasks: Record<TaskStatus, number>
  dead: Array<{ event: StoredEvent, task: Task }>
  durationMs: number
  interrupted: boolean
}): string {
  const { run, tasks, dead, durationMs } = args
  const { counts } = run
  const lines = [`${run.job}${run.dryRun ? ' (dry run)' : ''}, credential ${run.credentialCode}, window ${iso(run.windowStart)} → ${iso(run.windowEnd)}`]
  const deleted = counts.deleted > 0 ? ` (${counts.deleted} deleted in Bynder)` : ''
  if (run.dryRun) {
    lines.push(`  listed ${counts.listed}, settled ${counts.settled}, planned ${counts.planned}${deleted}: ${counts.plannedWrites} writes, ${counts.failed} failed; nothing was written`)
  } else {
    lines.push(`  listed ${counts.listed}, settled ${counts.settled}, queued ${counts.queued}${deleted}; tasks: ${tasks.done} done, ${tasks.dead} dead` +
      `${tasks.pending + tasks.running > 0 ? `, ${tasks.pending + tasks.running} not finished` : ''}`)
  }
  lines.push(`  ${succeeded(run, tasks, args.interrupted) ? 'finished' : 'FAILED'} in ${(durationMs / 1000).toFixed(1)} s`)
  if (run.error !== null) lines.push(`  ${run.error}`)
  if (args.interrupted) lines.push('  interrupted before every task finished')
  for (const { task } of dead) lines.push(`  dead: ${task.entityKey}: ${task.lastError ?? 'no error recorded'}`)
  if (tasks.dead > dead.length) lines.push(`  … and ${tasks.dead - dead.length} more dead tasks (GET /events?status=dead)`)
  if (run.planned !== null) {
    for (const write of run.planned.writes) lines.push(`  would ${write.operation} (${write.system}) ${write.entity}: ${write.detail}`)
    if (run.planned.omitted > 0) lines.push(`  … and ${run.planned.omitted} more writes`)
    for (const error of run.planned.errors) lines.push(`  cannot plan ${error}`)
  }
  return `${lines.join('\n')}\n`
}
