import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { runCommand } from '../helpers/run-cli.js'

describe('npm run bench -- <keys> (the README\'s bench subset)', () => {
  it('refuses an unknown key with exit code 2, listing the keys, which are the README\'s', async () => {
    const { code, out } = await runCommand('npm', ['run', 'bench', '--', 'no-such-bench'], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } })
    assert.equal(code, 2, out)
    const known = /unknown bench no-such-bench; known: (.+)/.exec(out)?.[1]?.split(', ')
    const readme = readFileSync('README.md', 'utf8').replace(/\n/g, ' ')
    const documented = /runs only the benches named \(keys: ([^)]+)\)/.exec(readme)?.[1]?.match(/`[a-z]+`/g)?.map((key) => key.slice(1, -1))
    assert.ok(known !== undefined && documented !== undefined, out)
    assert.deepEqual(documented, known)
  })
})
