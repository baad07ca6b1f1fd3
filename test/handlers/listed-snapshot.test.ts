import assert from 'node:assert/strict'
import { test } from 'node:test'
import { listedAkeneoEntity } from '../../src/handlers/listed-snapshot.js'

const product = { uuid: '1b0e', identifier: 'sku-1', family: 'shirts', values: {}, updated: '2026-01-01T00:00:00+00:00' }
const model = { code: 'tshirt', family: 'shirts', values: {}, updated: '2026-01-01T00:00:00+00:00' }

test('a replay snapshot that fits the Akeneo schema is used as listed', () => {
  assert.deepEqual(listedAkeneoEntity('product', JSON.stringify(product)), product)
  assert.deepEqual(listedAkeneoEntity('product_model', JSON.stringify(model)), model)
  assert.equal(listedAkeneoEntity('product', null), undefined)
})

test('a snapshot that does not fit is ignored, so the handler reads the entity instead', () => {
  assert.equal(listedAkeneoEntity('product', JSON.stringify({ ...product, values: 'none' })), undefined)
  assert.equal(listedAkeneoEntity('product', JSON.stringify(model)), undefined, 'a model is not a product')
  assert.equal(listedAkeneoEntity('product_model', JSON.stringify(product)), undefined, 'a product is not a model')
})
