/** Builds elements from data with textContent only: nothing from the API is parsed as HTML. */
export function h (tag, attributes = {}, ...children) {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value)
    else element.setAttribute(name, value === true ? '' : String(value))
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue
    element.append(child instanceof Node ? child : String(child))
  }
  return element
}

/** A table with a caption; `rows` are arrays of cells (strings, numbers or nodes). */
export function table (caption, headers, rows, numeric = []) {
  if (rows.length === 0) return h('p', { class: 'empty' }, `${caption}: none.`)
  return h('table', {},
    h('caption', { class: 'hint' }, caption),
    h('thead', {}, h('tr', {}, headers.map((title, i) => h('th', { scope: 'col', class: numeric.includes(i) ? 'num' : undefined }, title)))),
    h('tbody', {}, rows.map((row) => h('tr', {}, row.map((cell, i) => h('td', { class: numeric.includes(i) ? 'num' : undefined }, cell ?? '—'))))))
}

/** A labelled select; `options` are [value, text] pairs. */
export function select (id, label, options, value = '') {
  return h('div', {}, h('label', { for: id }, label),
    h('select', { id, name: id }, options.map(([optionValue, text]) => h('option', { value: optionValue, selected: optionValue === value }, text))))
}

export function field (id, label, attributes = {}) {
  return h('div', {}, h('label', { for: id }, label), h('input', { id, name: id, ...attributes }))
}

export function age (seconds) {
  if (seconds < 90) return `${Math.round(seconds)} s`
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`
  return `${(seconds / 3600).toFixed(1)} h`
}

export const when = (iso) => iso === null || iso === undefined ? '—' : new Date(iso).toLocaleString()
