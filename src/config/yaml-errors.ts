import type { TSchema } from 'typebox'
import { Value } from 'typebox/value'
import { isNode, type Document } from 'yaml'

export interface YamlSource {
  document: Document
  source: string
  file: string
}

export type YamlPath = Array<string | number>

/** `file:line:column` of the node at `path`, or of the nearest ancestor that exists. */
export function locate (yaml: YamlSource, path: YamlPath): string {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = yaml.document.getIn(path.slice(0, depth), true)
    if (isNode(node) && node.range) {
      const before = yaml.source.slice(0, node.range[0]).split('\n')
      return `${yaml.file}:${before.length}:${before.at(-1)!.length + 1}`
    }
  }
  return yaml.file
}

export function formatPath (path: YamlPath): string {
  return path.length === 0 ? '(top level)' : path.map(String).join('.')
}

export function problemAt (yaml: YamlSource, path: YamlPath, message: string): string {
  return `${locate(yaml, path)} at ${formatPath(path)}: ${message}`
}

function pointerToPath (pointer: string): YamlPath {
  if (pointer === '') return []
  return pointer.slice(1).split('/').map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
}

/** Schema errors as `file:line:col at yaml.path: expectation`, one per problem. */
export function describeSchemaErrors (schema: TSchema, value: unknown, yaml: YamlSource): string[] {
  const problems = new Set<string>()
  for (const error of Value.Errors(schema, value)) {
    const path = pointerToPath(error.instancePath)
    const params = error.params as Record<string, unknown>
    if (error.keyword === 'boolean' && error.schemaPath.endsWith('/additionalProperties')) continue
    if (error.keyword === 'additionalProperties') {
      for (const key of params.additionalProperties as string[]) problems.add(problemAt(yaml, [...path, key], 'unknown key'))
    } else if (error.keyword === 'required') {
      for (const key of params.requiredProperties as string[]) problems.add(problemAt(yaml, path, `missing required key "${key}"`))
    } else {
      problems.add(problemAt(yaml, path, error.message))
    }
  }
  return [...problems]
}
