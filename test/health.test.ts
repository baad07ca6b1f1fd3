import assert from 'node:assert/strict'
import { test } from 'node:test'
import { buildApp } from '../src/app.js'

test('GET /health answers ok once the configuration loaded', async (t) => {
  const app = await buildApp({
    env: {
      AKENEO_BASE_URL: 'https://pim.example.com',
      AKENEO_CLIENT_ID: 'client',
      AKENEO_CLIENT_SECRET: 'secret',
      AKENEO_USERNAME: 'connector',
      AKENEO_PASSWORD: 'password',
      BYNDER_BASE_URL: 'https://brand.bynder.com',
      BYNDER_PERMANENT_TOKEN: 'token',
      CREDENTIALS_FILE: '',
      DATABASE_URL: 'sqlite::memory:'
    }
  })
  t.after(() => app.close())
  const response = await app.inject({ method: 'GET', url: '/health' })
  assert.equal(response.statusCode, 200)
  assert.deepEqual(response.json(), { status: 'ok' })
  assert.equal(app.mapping.derivative_to_use, 'original')
  assert.deepEqual([...app.selfAuthors].sort(), ['client', 'connector'])
})
