import { api } from './api.js'
import { field, h, table, when } from './dom.js'

const JOBS = ['import-assets', 'update-properties', 'update-mapped-properties']

export async function linksView (rerender, state = {}) {
  const query = new URLSearchParams({ limit: '200' })
  if (state.asset) query.set('asset', state.asset)
  if (state.product) query.set('product', state.product)
  const { items } = await api('GET', `/links?${query}`)
  const form = h('form', { class: 'inline', id: 'links-search' },
    field('l-asset', 'Asset id', { value: state.asset ?? '', type: 'search' }),
    field('l-product', 'Product identifier or model code', { value: state.product ?? '', type: 'search' }),
    h('button', { type: 'submit' }, 'Search'))
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    void rerender(undefined, { asset: form.elements['l-asset'].value.trim(), product: form.elements['l-product'].value.trim() })
  })
  return [form, table('Link registry', ['asset', 'product / model', 'attribute', 'locale', 'scope', 'status', 'value written', 'asset version'], items.map((link) => [
    h('span', {}, link.asset_name ?? '', ' ', h('span', { class: 'mono' }, link.asset_id)), `${link.target_type === 'product' ? 'product' : 'model'} ${link.target_code}`,
    link.attribute, link.locale, link.scope, link.status, h('span', { class: 'mono' }, link.value ?? ''), link.asset_date_modified
  ]))]
}

function runDetails (run) {
  const counts = run.counts
  return h('section', { id: `run-${run.id}`, 'aria-labelledby': `run-${run.id}-title` },
    h('h3', { id: `run-${run.id}-title`, tabindex: '-1' }, `Run ${run.id}: ${run.job}${run.dry_run ? ' (dry run)' : ''} — ${run.status}`),
    h('p', {}, `Window ${when(run.window.start)} → ${when(run.window.end)}; listed ${counts.listed}, settled ${counts.settled}, ` +
      (run.dry_run ? `planned ${counts.planned}, ${counts.planned_writes} writes` : `queued ${counts.queued}; tasks done ${run.tasks.done}, dead ${run.tasks.dead}, pending ${run.tasks.pending}`)),
    run.error === null ? null : h('p', { class: 'error-text' }, run.error),
    run.planned === undefined ? null : table('Planned writes', ['system', 'operation', 'entity', 'detail'], run.planned.writes.map((w) => [w.system, w.operation, h('span', { class: 'mono' }, w.entity), w.detail])),
    run.planned?.omitted > 0 ? h('p', { class: 'hint' }, `${run.planned.omitted} more writes not kept.`) : null,
    (run.planned?.errors ?? []).map((message) => h('p', { class: 'error-text' }, message)))
}

/** Runs newest first, a form to start one (dry run unless unticked) and one run's details. */
export async function replaysView (rerender, state = {}) {
  const { items } = await api('GET', '/replay?limit=20')
  const details = state.run === undefined ? null : runDetails(await api('GET', `/replay/${state.run}`))
  const form = h('form', { class: 'inline', id: 'replay-form' },
    h('fieldset', {}, h('legend', {}, 'Jobs'), JOBS.map((job) => h('span', {}, h('input', { type: 'checkbox', id: `job-${job}`, name: 'jobs', value: job, checked: true }), h('label', { for: `job-${job}` }, job)))),
    field('r-minutes', 'Window (minutes)', { type: 'number', min: '1', value: '60', required: true }),
    field('r-credential', 'Credential code', { value: 'bynder', required: true }),
    h('div', {}, h('span', {}, h('input', { type: 'checkbox', id: 'r-dry-run', checked: true }), h('label', { for: 'r-dry-run' }, 'Dry run (plan only, write nothing)'))),
    h('button', { type: 'submit' }, 'Start replay'))
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const jobs = [...form.querySelectorAll('input[name=jobs]:checked')].map((box) => box.value)
    const body = { max_updated_time_in_minutes: Number(form.elements['r-minutes'].value), credential_code: form.elements['r-credential'].value, dry_run: form.elements['r-dry-run'].checked, ...(jobs.length > 0 ? { jobs } : {}) }
    const started = await api('POST', '/replay', body)
    await rerender(`Replay started: run${started.runs.length > 1 ? 's' : ''} ${started.runs.map((r) => `${r.id} (${r.job})`).join(', ')}.`, { run: started.id })
  })
  return [
    form,
    details,
    table('Replay runs, newest first', ['run', 'job', 'trigger', 'dry run', 'status', 'started', 'listed', 'settled', 'queued / planned', ''], items.map((run) => [
      String(run.id), run.job, run.trigger, run.dry_run ? 'yes' : 'no', run.status, when(run.started_at), String(run.counts.listed), String(run.counts.settled),
      String(run.dry_run ? run.counts.planned : run.counts.queued),
      h('button', { type: 'button', class: 'secondary', 'aria-label': `Show run ${run.id}`, onclick: () => rerender(undefined, { run: run.id }) }, 'Show')
    ]), [0, 6, 7, 8])
  ]
}

export async function checkView (rerender, state = {}) {
  const run = h('button', {
    type: 'button',
    id: 'run-check',
    onclick: (event) => {
      event.currentTarget.disabled = true
      event.currentTarget.textContent = 'Checking against Bynder and Akeneo…'
      void rerender(undefined, { run: true })
    }
  }, 'Run the check')
  if (state.run !== true) return [h('p', {}, 'Checks the mapping file against the live systems, as `bynder-akeneo check` does: metaproperties, options and attributes exist and have usable types.'), run]
  const report = await api('POST', '/check')
  return [
    h('p', { id: 'check-summary' }, `${report.summary} (checked ${when(report.checked_at)})`), run,
    table('Findings', ['severity', 'finding'], report.findings.map((f) => [h('span', { class: `sev-${f.severity}` }, f.severity), f.text]))
  ]
}
