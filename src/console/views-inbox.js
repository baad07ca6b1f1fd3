import { api } from './api.js'
import { age, h, select, table, when } from './dom.js'

const STATUSES = ['pending', 'running', 'done', 'dead']

export async function healthView () {
  const { health } = await api('GET', '/events?limit=1')
  const oldest = health.oldest_pending
  return [
    h('div', { class: 'cards' }, STATUSES.map((status) => h('div', { class: `card ${status}` },
      h('span', { class: 'n', 'data-status': status }, health.tasks[status]), `${status} tasks`))),
    h('p', { id: 'oldest-pending' }, oldest === null ? 'Nothing is pending.' : `Oldest pending task: created ${when(oldest.created_at)}, waiting ${age(oldest.age_seconds)}.`),
    table('Tasks by kind and status', ['kind', ...STATUSES], Object.entries(health.by_kind).map(([kind, counts]) => [kind, ...STATUSES.map((s) => counts[s])]), [1, 2, 3, 4])
  ]
}

/** Dead tasks once each (several deliveries may have fed one task), newest first, with a Retry button. */
export async function deadView (rerender) {
  const { items } = await api('GET', '/events?status=dead&limit=200')
  const seen = new Set()
  const dead = items.filter((event) => event.task !== null && !seen.has(event.task.id) && seen.add(event.task.id))
  const note = h('p', { id: 'retry-note', role: 'status' })
  const retry = async (event, button) => {
    button.disabled = true
    const { task } = await api('POST', `/events/${event.id}/retry`)
    note.textContent = `Task ${task.id} (${task.entityKey}) is pending again; the worker takes it now.`
    await rerender(note.textContent)
  }
  return [
    h('p', { class: 'hint' }, 'A dead task failed for good (a 4xx from an upstream, a mapping problem) or ran out of attempts. Fix the cause, then retry it.'),
    note,
    table('Dead tasks', ['task', 'entity', 'attempts', 'reason', 'updated', ''], dead.map((event) => [
      String(event.task.id), h('span', { class: 'mono' }, event.task.entityKey), String(event.task.attempts),
      h('span', { class: 'error-text' }, event.task.lastError ?? ''), when(event.task.updatedAt),
      h('button', { type: 'button', 'aria-label': `Retry task ${event.task.id} (${event.task.entityKey})`, onclick: (e) => retry(event, e.currentTarget) }, 'Retry')
    ]), [2])
  ]
}

/** Recent deliveries with the filters of GET /events; "Older" pages with `before`. */
export async function deliveriesView (rerender, state = {}) {
  const query = new URLSearchParams({ limit: '50' })
  for (const key of ['status', 'source', 'kind', 'before']) if (state[key]) query.set(key, state[key])
  const page = await api('GET', `/events?${query}`)
  const form = h('form', { class: 'inline', id: 'deliveries-filter' },
    select('f-status', 'Status', [['', 'any'], ['accepted', 'accepted'], ['ignored', 'ignored'], ...STATUSES.map((s) => [s, `task ${s}`])], state.status),
    select('f-source', 'Source', [['', 'any'], ['bynder', 'Bynder (SNS)'], ['akeneo_event_platform', 'Akeneo Event Platform'], ['akeneo_events_api', 'Akeneo Events API'], ['replay', 'replay']], state.source),
    select('f-kind', 'Kind', [['', 'any'], ['asset', 'asset'], ['product', 'product'], ['product_model', 'product model']], state.kind),
    h('button', { type: 'submit' }, 'Filter'))
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    void rerender(undefined, { status: form.elements['f-status'].value, source: form.elements['f-source'].value, kind: form.elements['f-kind'].value })
  })
  return [
    form,
    table('Deliveries, newest first', ['event', 'received', 'source', 'type', 'status', 'task', 'task status', 'outcome or error'], page.items.map((event) => [
      String(event.id), when(event.receivedAt), event.source, event.type, event.status + (event.deliveries > 1 ? ` (×${event.deliveries})` : ''),
      event.task === null ? '—' : h('span', { class: 'mono' }, event.task.entityKey), event.task?.status ?? '—',
      // A done task keeps the error of an earlier attempt: its outcome is what counts now.
      (event.task?.status === 'done' ? event.task.outcome : event.task?.lastError ?? event.task?.outcome) ?? event.ignoredReason ?? ''
    ]), [0]),
    page.next === undefined ? null : h('button', { type: 'button', class: 'secondary', onclick: () => rerender(undefined, { ...state, before: String(page.next) }) }, 'Older deliveries')
  ]
}
