import { setFlagsFromString } from 'node:v8'

/**
 * The cron-style jobs trade some CPU for a small, flat heap (issue 14). V8 sizes for
 * throughput: over a long job its young generation grows to 16 MB semi-spaces and its old
 * one to several times the ~30 MB a job holds live, so a replay's peak RSS grew with the
 * run's length (200,000 listed vs 20,000: 1.01–1.45 across runs). V8's memory-saving mode
 * with a young generation that keeps its first size holds a 2,000 and a 20,000 listing at
 * ~130 and ~140 MB (~195 MB before) for ~25 % more CPU; the jobs wait on rate limits, not on it.
 *
 * Set at run time, before the job's modules load, because a crontab runs
 * `npx bynder-akeneo <job>` with no node flags. Node warns that flags changed after start may
 * behave unpredictably; these two are read each time V8 sizes a space (Node 20's V8), and a
 * version that no longer reads one keeps its default sizing. Never for `serve`, whose
 * intake wants the throughput.
 */
export function preferSmallHeap (): void {
  setFlagsFromString('--optimize-for-size')
  setFlagsFromString('--semi-space-growth-factor=1')
}
