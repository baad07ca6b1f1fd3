import { isNode } from 'yaml'
import { problemAt, type YamlPath, type YamlSource } from '../config/yaml-errors.js'

/**
 * `error`: the mapping cannot work as written (exit 1). `warning`: it works, but not as the
 * integrator probably expects. `note`: plain information (how many slots a sortable type has).
 */
export type Severity = 'error' | 'warning' | 'note'

/** One thing `check` found: at a mapping path, or (connectivity) about a whole system. */
export type Finding =
  | { severity: Severity, path: YamlPath, message: string }
  | { severity: Severity, system: string, message: string }

export const error = (path: YamlPath, message: string): Finding => ({ severity: 'error', path, message })
export const warning = (path: YamlPath, message: string): Finding => ({ severity: 'warning', path, message })
export const note = (path: YamlPath, message: string): Finding => ({ severity: 'note', path, message })

export interface Report {
  lines: string[]
  errors: number
  warnings: number
  summary: string
}

/** Start offset of the node at `path` (or its nearest existing ancestor), to list findings in file order. */
function offsetOf (yaml: YamlSource, path: YamlPath): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = yaml.document.getIn(path.slice(0, depth), true)
    if (isNode(node) && node.range) return node.range[0]
  }
  return -1
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`

/**
 * `error  file:line:col at yaml.path: message`, one line per finding: system-wide ones
 * (connectivity) first, then in the order of the mapping file. Identical lines are printed once.
 */
export function formatReport (findings: readonly Finding[], yaml: YamlSource): Report {
  const placed = findings.map((finding, index) => {
    const where = 'system' in finding ? finding.system : undefined
    const offset = where === undefined && 'path' in finding ? offsetOf(yaml, finding.path) : -2
    const text = 'path' in finding ? problemAt(yaml, finding.path, finding.message) : `${where}: ${finding.message}`
    return { finding, index, offset, line: `${finding.severity}  ${text}` }
  })
  placed.sort((a, b) => a.offset - b.offset || a.index - b.index)
  const lines = [...new Set(placed.map((p) => p.line))]
  const count = (severity: Severity): number => new Set(placed.filter((p) => p.finding.severity === severity).map((p) => p.line)).size
  const errors = count('error')
  const warnings = count('warning')
  return { lines, errors, warnings, summary: `check: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}` }
}
