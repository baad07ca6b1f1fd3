import { api, ApiError, token } from './api.js'
import { h } from './dom.js'
import { deadView, deliveriesView, healthView } from './views-inbox.js'
import { checkView, linksView, replaysView } from './views-more.js'

const VIEWS = {
  health: ['Inbox health', healthView],
  dead: ['Dead tasks', deadView],
  deliveries: ['Recent deliveries', deliveriesView],
  links: ['Link registry', linksView],
  replays: ['Replay runs', replaysView],
  check: ['Mapping check', checkView]
}

const $ = (id) => document.getElementById(id)

function say (message, kind = 'error') {
  $('status').className = kind
  $('status').textContent = message ?? ''
}

function showSignIn (message) {
  token.clear()
  $('nav').hidden = true
  $('view').hidden = true
  $('sign-in-view').hidden = false
  if (message !== undefined) say(message)
  $('token').focus()
}

/** Renders a view; `rerender` lets it refresh itself with a note and its own state (filters, a run). */
async function show (name, note, state, focusTitle = true) {
  const [title, render] = VIEWS[name] ?? VIEWS.health
  const rerender = (nextNote, nextState = state) => show(name, nextNote, nextState, false)
  for (const item of document.querySelectorAll('#nav a')) {
    if (item.getAttribute('href') === `#${name}`) item.setAttribute('aria-current', 'page')
    else item.removeAttribute('aria-current')
  }
  try {
    const nodes = await render(rerender, state)
    const heading = h('h2', { id: 'view-title', tabindex: '-1' }, title)
    $('view').replaceChildren(heading, ...nodes.flat().filter(Boolean))
    $('view').setAttribute('aria-labelledby', 'view-title')
    $('view').hidden = false
    say(note, 'info')
    if (focusTitle) heading.focus()
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return showSignIn(error.message)
    // The view says it could not load, so no stale content from another view stays under its name.
    $('view').replaceChildren(h('h2', { id: 'view-title', tabindex: '-1' }, title), h('p', { class: 'error-text' }, `${title} could not be loaded.`))
    $('view').hidden = false
    say(error instanceof Error ? error.message : String(error))
  }
}

const current = () => location.hash.slice(1) in VIEWS ? location.hash.slice(1) : 'health'

function signedIn () {
  $('sign-in-view').hidden = true
  $('nav').hidden = false
  void show(current())
}

$('sign-in-form').addEventListener('submit', async (event) => {
  event.preventDefault()
  token.set($('token').value.trim())
  $('token').value = ''
  try {
    await api('GET', '/events?limit=1')
    say('')
    signedIn()
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) showSignIn(error.message)
    else { token.clear(); say(error.message) }
  }
})
$('sign-out').addEventListener('click', () => { showSignIn(); say('Signed out.', 'info') })
window.addEventListener('hashchange', () => { if (token.get() !== null) void show(current()) })

if (token.get() === null) showSignIn()
else signedIn()
