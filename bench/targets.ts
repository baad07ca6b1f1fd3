/**
 * Issue 14's table, figure by figure: each bench formats the figures it measures with
 * `withTarget` (value, then its target, the same way in every bench) and records them
 * here; `npm run bench` prints the table at the end — what this run measured next to each
 * target, and which figures a run did not measure.
 */
export type Target = `≥ ${number}` | `≤ ${number}`

/** The table's rows in the issue's order (the bench that measures each in brackets). */
export const ISSUE_14_FIGURES = {
  intake: { label: 'intake / bare route', target: '≥ 0.5', bench: 'intake' },
  firstLink: { label: 'Akeneo calls per newly linked asset, first link', target: '≤ 1.1', bench: 'link 1,000 assets' },
  laterLink: { label: 'Akeneo calls per newly linked asset, product linked', target: '≤ 1.1', bench: 'link 1,000 assets' },
  burstLink: { label: 'Akeneo calls per first link, burst', target: '≤ 1.1', bench: 'burst' },
  burst: { label: 'burst drained / Bynder floor', target: '≥ 0.9', bench: 'burst' },
  replayAssetsRss: { label: 'replay RSS 20k/2k, import-assets', target: '≤ 1.2', bench: 'replay' },
  replayProductsRss: { label: 'replay RSS 20k/2k, update-mapped', target: '≤ 1.2', bench: 'replay' },
  replayAssetsRss200k: { label: 'replay RSS 200k/20k, import-assets', target: '≤ 1.1', bench: 'replay, BENCH_REPLAY_200K=1' },
  replayProductsRss200k: { label: 'replay RSS 200k/20k, update-mapped', target: '≤ 1.1', bench: 'replay, BENCH_REPLAY_200K=1' },
  replayCalls: { label: 'upstream calls per changed asset', target: '≤ 3', bench: 'replay' }
} as const satisfies Record<string, { label: string, target: Target, bench: string }>

export type Issue14Figure = keyof typeof ISSUE_14_FIGURES

const measured = new Map<Issue14Figure, { value: number, digits: number }>()

const met = (value: number, target: Target): boolean => {
  const bound = Number(target.slice(2))
  return target.startsWith('≥') ? value >= bound : value <= bound
}

/**
 * `0.17   (target ≥ 0.5; detail)`, recorded for the table. A figure the run could not
 * measure (undefined or NaN) prints `no figure`, here and in the table.
 */
export function withTarget (figure: Issue14Figure, value: number | undefined, digits: number, detail?: string): string {
  const { target } = ISSUE_14_FIGURES[figure]
  const suffix = `(target ${target}${detail === undefined || detail === '' ? '' : `; ${detail}`})`
  measured.set(figure, { value: value ?? NaN, digits })
  if (value === undefined || Number.isNaN(value)) return `no figure ${suffix}`
  return `${value.toFixed(digits).padEnd(6)} ${suffix}`
}

/** The table as measured in this run, one line per figure. */
export function issue14Table (): string {
  const lines = Object.entries(ISSUE_14_FIGURES).map(([key, { label, target, bench }]) => {
    const figure = measured.get(key as Issue14Figure)
    if (figure === undefined) return `  ${label.padEnd(52)} ${'not measured'.padEnd(12)} target ${target.padEnd(6)} (${bench})`
    if (Number.isNaN(figure.value)) return `  ${label.padEnd(52)} ${'no figure'.padEnd(12)} target ${target.padEnd(6)} (see ${bench} above)`
    // Judged as printed: 3.000 meets "≤ 3" even when it was 3.0004.
    const shown = figure.value.toFixed(figure.digits)
    const verdict = met(Number(shown), target) ? 'met' : 'NOT met'
    return `  ${label.padEnd(52)} ${shown.padEnd(12)} target ${target.padEnd(6)} ${verdict}`
  })
  return `\nissue 14, as measured in this run\n${lines.join('\n')}\n`
}
