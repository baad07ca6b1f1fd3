import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { Options, type NormalizedOptions } from 'got'
import { leanRequestOptions } from '../../src/clients/lean-request-options.js'

describe('leanRequestOptions (got\'s per-request native options, issue 14)', () => {
  const nativeOptions = (lean: boolean): Record<string, unknown> => {
    const options = new Options('http://127.0.0.1:1/api/v4/media/?page=1', { headers: { 'user-agent': 'test' } })
    // got hands its hooks the request's Options once normalised, as this one is.
    if (lean) void leanRequestOptions(options as NormalizedOptions, { retryCount: 0 })
    return options.createNativeRequestOptions() as Record<string, unknown>
  }

  it('sends the same native options without the four unset cache option keys', () => {
    const before = nativeOptions(false)
    const after = nativeOptions(true)
    const dropped = Object.keys(before).filter((key) => !(key in after))
    assert.deepEqual(dropped.sort(), ['cacheHeuristic', 'ignoreCargoCult', 'immutableMinTimeToLive', 'shared'])
    for (const key of dropped) assert.equal(before[key], undefined, key)
    assert.deepEqual(Object.keys(after).sort(), Object.keys(before).filter((key) => !dropped.includes(key)).sort())
  })
})
