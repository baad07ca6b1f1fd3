import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { nestsDeeperThan } from '../../src/json-limits.js'
import { parseJson } from '../../src/webhooks/raw-body.js'

describe('webhook JSON parsing under bombs', () => {
  it('refuses a 1 MiB deeply nested body without parsing it, and parses ordinary nesting', () => {
    const bomb = Buffer.from('['.repeat(512 * 1024) + ']'.repeat(512 * 1024))
    assert.equal(parseJson(bomb), undefined)
    assert.deepEqual(parseJson(Buffer.from('{"a":[{"b":[1,{"c":"[[[[[[["}]}]}')), { a: [{ b: [1, { c: '[[[[[[[' }] }] })
  })

  it('counts depth outside strings only, escapes included', () => {
    assert.equal(nestsDeeperThan('[[[]]]', 3), false)
    assert.equal(nestsDeeperThan('[[[[]]]]', 3), true)
    assert.equal(nestsDeeperThan(`["\\"${'['.repeat(10)}"]`, 2), false)
    assert.equal(nestsDeeperThan(Buffer.from(`{"é":${'['.repeat(70)}${']'.repeat(70)}}`)), true)
  })

  it('ends a string at a quote after an escaped backslash, and reads strings and bytes alike', () => {
    // "a\\" is a string ending in one backslash: the brackets after it count.
    const afterEscapedBackslash = `["a\\\\",${'['.repeat(5)}${']'.repeat(5)}]`
    assert.equal(nestsDeeperThan(afterEscapedBackslash, 5), true)
    assert.equal(nestsDeeperThan(afterEscapedBackslash, 6), false)
    const mixed = `{"ключ":"значение [[[","😀":${'{"a":'.repeat(8)}1${'}'.repeat(8)}}`
    for (const max of [7, 8, 9]) assert.equal(nestsDeeperThan(mixed, max), nestsDeeperThan(Buffer.from(mixed), max))
    assert.equal(nestsDeeperThan(mixed, 8), true)
    assert.equal(nestsDeeperThan(mixed, 9), false)
    // An unterminated string hides what follows it; JSON.parse refuses such a body anyway.
    assert.equal(nestsDeeperThan(`"${'['.repeat(10)}`, 2), false)
  })
})
