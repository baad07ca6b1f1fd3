import assert from 'node:assert/strict'
import { test } from 'node:test'
import { jobsFor } from '../src/handlers/product-handler.js'
import {
  akeneoTaskKey, assetTaskKey, identifierEntityId, identifierOfEntityId, replayEventId, replayEventPrefix, replayJobOfReason, replayReason
} from '../src/task-keys.js'

test('task keys keep the formats stored rows already carry', () => {
  assert.equal(assetTaskKey('bynder', 'A-1'), 'asset:bynder:A-1')
  assert.equal(akeneoTaskKey('product', '1b0e'), 'product:1b0e')
  assert.equal(akeneoTaskKey('product_model', 'tshirt'), 'product_model:tshirt')
  assert.equal(akeneoTaskKey('product', identifierEntityId('sku-1')), 'product:identifier:sku-1')
  assert.equal(replayEventId(7, 'product:1b0e', 'v1'), 'replay:7:product:1b0e@v1')
  assert.ok(replayEventId(7, 'x', 'y').startsWith(replayEventPrefix(7)))
  assert.ok(!replayEventId(71, 'x', 'y').startsWith(replayEventPrefix(7)))
})

test('what is built is read back by the same module', () => {
  assert.equal(identifierOfEntityId(identifierEntityId('sku:1')), 'sku:1')
  assert.equal(identifierOfEntityId('1b0e-uuid'), null)
  assert.equal(replayJobOfReason(replayReason('update-properties')), 'update-properties')
  assert.equal(replayJobOfReason('product.updated'), null)
})

test('a replay reason runs its job alone; a live reason runs both product jobs', () => {
  assert.deepEqual([...jobsFor([replayReason('update-mapped-properties')])], ['update-mapped-properties'])
  assert.deepEqual([...jobsFor([replayReason('update-properties'), 'product.updated'])].sort(), ['update-mapped-properties', 'update-properties'])
})
