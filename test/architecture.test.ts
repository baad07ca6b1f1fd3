import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

// The house rules of ARCHITECTURE.md, read from the import statements of the source files.
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

interface Import { specifier: string, typeOnly: boolean }

function sourceFiles (folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(folder, name).split('\\').join('/'))
}

/** Static imports and re-exports, dynamic `import()` too; type-only when nothing of it exists at run time. */
function importsOf (file: string): Import[] {
  const source = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true)
  const found: Import[] = []
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause
      const named = clause?.namedBindings
      const allNamedTypes = named !== undefined && ts.isNamedImports(named) && named.elements.length > 0 &&
        named.elements.every((element) => element.isTypeOnly) && clause?.name === undefined
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: clause?.isTypeOnly === true || allNamedTypes })
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier !== undefined && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly })
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments
      if (argument !== undefined && ts.isStringLiteral(argument)) found.push({ specifier: argument.text, typeOnly: false })
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

/** A relative specifier as a repository path (`src/clients/bynder/index.ts`); a package name as it is. */
function target (file: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier
  return relative(ROOT, resolve(ROOT, dirname(file), specifier)).split('\\').join('/').replace(/\.js$/, '.ts')
}

const IO_IN_SYNC = [/^src\/clients\//, /^src\/store\//, /^fastify($|\/)/, /^@fastify\//, /^got$/]

/** Every module a file reaches at run time (type-only imports erased), the file itself included. */
function runtimeGraph (start: string): Set<string> {
  const seen = new Set<string>()
  const pending = [start]
  while (pending.length > 0) {
    const file = pending.pop()!
    if (seen.has(file)) continue
    seen.add(file)
    if (!file.endsWith('.ts')) continue
    for (const { specifier, typeOnly } of importsOf(file)) {
      if (!typeOnly) pending.push(target(file, specifier))
    }
  }
  return seen
}

test('src/sync imports no I/O: no client, store, fastify or got', () => {
  const files = sourceFiles('src/sync')
  assert.ok(files.length > 10, 'the planners are found')
  const offending = files.flatMap((file) => importsOf(file)
    .map(({ specifier }) => target(file, specifier))
    .filter((to) => IO_IN_SYNC.some((pattern) => pattern.test(to)))
    .map((to) => `${file} -> ${to}`))
  assert.deepEqual(offending, [])
})

test('no route imports a client or a handler, even through the modules it imports', () => {
  const routes = sourceFiles('routes')
  assert.ok(routes.length > 5, 'the routes are found')
  const reached = routes.flatMap((route) => [...runtimeGraph(route)]
    .filter((module) => /^src\/(clients|handlers)\//.test(module) || module === 'got')
    .map((module) => `${route} -> ${module}`))
  assert.deepEqual(reached, [])
  const direct = routes.flatMap((route) => importsOf(route)
    .map(({ specifier }) => target(route, specifier))
    .filter((to) => /^src\/clients\//.test(to))
    .map((to) => `${route} -> ${to}`))
  assert.deepEqual(direct, [])
})

test('the configuration imports nothing of the service but itself and the neutral time-zone rule', () => {
  const config = sourceFiles('src/config')
  assert.ok(config.length > 3, 'the config modules are found')
  const offending = config.flatMap((file) => importsOf(file)
    .map(({ specifier }) => target(file, specifier))
    .filter((to) => to.startsWith('src/') && !to.startsWith('src/config/') && to !== 'src/time-zone.ts')
    .map((to) => `${file} -> ${to}`))
  assert.deepEqual(offending, [])
})

test('the import reader tells value imports from type-only ones and follows them', () => {
  const file = 'src/replay/service.ts'
  const imports = importsOf(file)
  assert.ok(imports.some((i) => i.specifier === './replay-conflict.js' && !i.typeOnly))
  assert.ok(imports.some((i) => i.specifier === '../store/replay-store.js' && i.typeOnly))
  assert.ok(runtimeGraph('src/replay/runner.ts').has('src/handlers/product-sync.ts') ||
    runtimeGraph('src/replay/runner.ts').has('src/replay/replay-products.ts'), 'the graph follows imports')
  assert.ok(runtimeGraph('routes/webhooks/bynder.ts').size > 3)
})
