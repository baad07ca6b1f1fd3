import { byString } from './compare.js'

// How each Akeneo attribute type becomes metaproperty text (enrichment); the check names the
// same list of types.

/** Attribute types that can be rendered to metaproperty values. */
export const ENRICHABLE_ATTRIBUTE_TYPES: readonly string[] = [
  'pim_catalog_identifier', 'pim_catalog_text', 'pim_catalog_textarea',
  'pim_catalog_simpleselect', 'pim_catalog_multiselect', 'pim_catalog_boolean',
  'pim_catalog_number', 'pim_catalog_metric', 'pim_catalog_price_collection', 'pim_catalog_date'
]

/** Why a value could not be rendered; `undefined` from a renderer means "no value". */
export class Unrenderable extends Error {}

function shown (data: unknown): string {
  const text = JSON.stringify(data) ?? String(data)
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/

/** A decimal (string or number) in canonical form: no exponent, no useless zeros, no "-0". */
function canonicalDecimal (value: unknown): string {
  let text: string
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Unrenderable(`${String(value)} is not a number Bynder can hold`)
    text = String(value)
  } else if (typeof value === 'string') {
    text = value.trim()
  } else {
    throw new Unrenderable(`${shown(value)} is not a number`)
  }
  const match = DECIMAL.exec(text)
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match ?? []
  if (match === null || whole + fraction === '') throw new Unrenderable(`${shown(value)} is not a number`)
  const shift = Number(exponent)
  if (!Number.isSafeInteger(shift) || Math.abs(shift) > 400) throw new Unrenderable(`${shown(value)} is out of range`)
  // Move the decimal point `shift` places over the digit string.
  const digits = whole + fraction
  const point = whole.length + shift
  const padded = point <= 0 ? '0'.repeat(1 - point) + digits : point > digits.length ? digits + '0'.repeat(point - digits.length) : digits
  const at = Math.max(point, 1)
  const integer = padded.slice(0, at).replace(/^0+(?=\d)/, '')
  const decimals = padded.slice(at).replace(/0+$/, '')
  const body = decimals === '' ? integer : `${integer}.${decimals}`
  return /^[0.]*$/.test(body) ? '0' : `${sign === '-' ? '-' : ''}${body}`
}

export const isEmpty = (data: unknown): boolean =>
  data === null || data === undefined || data === '' || (Array.isArray(data) && data.length === 0)

function text (data: unknown): string[] {
  if (typeof data !== 'string') throw new Unrenderable(`${shown(data)} is not a string`)
  return [data]
}

function record (data: unknown): Record<string, unknown> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Unrenderable(`${shown(data)} is not an object`)
  return data as Record<string, unknown>
}

export const RENDERERS: Readonly<Record<string, (data: unknown) => string[]>> = {
  pim_catalog_identifier: text,
  pim_catalog_text: text,
  pim_catalog_textarea: text,
  pim_catalog_simpleselect: text,
  pim_catalog_multiselect: (data) => {
    if (!Array.isArray(data) || !data.every((code) => typeof code === 'string')) throw new Unrenderable(`${shown(data)} is not a list of option codes`)
    return (data as string[]).filter((code) => code !== '')
  },
  pim_catalog_boolean: (data) => {
    if (typeof data !== 'boolean') throw new Unrenderable(`${shown(data)} is not a boolean`)
    return [String(data)]
  },
  pim_catalog_number: (data) => [canonicalDecimal(data)],
  pim_catalog_metric: (data) => {
    const { amount, unit } = record(data)
    if (typeof unit !== 'string' || unit === '') throw new Unrenderable(`${shown(data)} has no unit`)
    return isEmpty(amount) ? [] : [`${canonicalDecimal(amount)} ${unit}`]
  },
  pim_catalog_price_collection: (data) => {
    if (!Array.isArray(data)) throw new Unrenderable(`${shown(data)} is not a list of prices`)
    const prices = data.map((price) => {
      const { amount, currency } = record(price)
      if (typeof currency !== 'string' || currency === '') throw new Unrenderable(`${shown(price)} has no currency`)
      return { amount, currency }
    })
    return prices
      .filter(({ amount }) => !isEmpty(amount))
      .sort((a, b) => byString(a.currency, b.currency))
      .map(({ amount, currency }) => `${canonicalDecimal(amount)} ${currency}`)
  },
  pim_catalog_date: (data) => {
    const date = typeof data === 'string' ? /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/.exec(data)?.[1] : undefined
    if (date === undefined) throw new Unrenderable(`${shown(data)} is not a date`)
    return [date]
  }
}
