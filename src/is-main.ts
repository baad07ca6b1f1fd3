import { realpathSync } from 'node:fs'
import { pathToFileURL } from 'node:url'

/** True when this module is the process entry point, also when started through an npm bin symlink. */
export function isMain (moduleUrl: string): boolean {
  const entry = process.argv[1]
  if (entry === undefined) return false
  try {
    return pathToFileURL(realpathSync(entry)).href === moduleUrl
  } catch {
    return false
  }
}
