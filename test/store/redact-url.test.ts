import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { redactUrl } from '../../src/store/pg-pool.js'

describe('DATABASE_URL as logs and messages show it', () => {
  it('hides the password and keeps the rest', () => {
    assert.equal(redactUrl('postgres://connector:s3cret@db.internal:5432/connector'), 'postgres://connector:***@db.internal:5432/connector')
    assert.equal(redactUrl('sqlite:./data/connector.db'), 'sqlite:./data/connector.db')
    assert.doesNotMatch(redactUrl('postgresql://u:p%40ss@h/d'), /p%40ss|p@ss/)
  })
})
