import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { loadCredentials } from '../src/config/credentials.js'
import { ConfigError, readEnv } from '../src/config/env.js'
import { loadMapping, parseMapping } from '../src/config/mapping-loader.js'

const REQUIRED = {
  AKENEO_BASE_URL: 'https://pim.example.com',
  AKENEO_CLIENT_ID: 'client',
  AKENEO_CLIENT_SECRET: 'client-secret',
  AKENEO_USERNAME: 'connector',
  AKENEO_PASSWORD: 'pim-password',
  BYNDER_BASE_URL: 'https://brand.bynder.com',
  BYNDER_PERMANENT_TOKEN: 'bynder-token'
}

function configError (run: () => unknown): string {
  try {
    run()
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`)
    return error.message
  }
  assert.fail('expected the configuration to be refused')
}

function tempDir (): string {
  return mkdtempSync(join(tmpdir(), 'connector-config-'))
}

describe('environment', () => {
  it('applies the documented defaults', () => {
    const env = readEnv(REQUIRED)
    assert.equal(env.PORT, 3000)
    assert.equal(env.HOST, '0.0.0.0')
    assert.equal(env.DATABASE_URL, 'sqlite:./data/connector.db')
    assert.equal(env.AKENEO_MAX_CONCURRENCY, 4)
    assert.equal(env.BYNDER_MAX_RPS, 10)
    assert.equal(env.BYNDER_FETCH_DELAY_MS, 5000)
    assert.equal(env.SCHEDULE_UPDATE_MAPPED_PROPERTIES, '*/30 * * * *')
  })

  it('names every missing variable', () => {
    const message = configError(() => readEnv({}))
    for (const name of Object.keys(REQUIRED)) assert.match(message, new RegExp(`${name} is required`))
  })

  it('names malformed variables and keeps secrets out of the message', () => {
    const message = configError(() => readEnv({ ...REQUIRED, PORT: 'eighty', BYNDER_MAX_RPS: '0', AKENEO_BASE_URL: 'pim.example.com', LOG_LEVEL: 'loud' }))
    for (const name of ['PORT', 'BYNDER_MAX_RPS', 'AKENEO_BASE_URL', 'LOG_LEVEL']) assert.match(message, new RegExp(name))
    assert.doesNotMatch(message, /pim-password|bynder-token|client-secret/)
  })

  it('says what a malformed value should look like, once per variable', () => {
    const message = configError(() => readEnv({ ...REQUIRED, LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://db/connector', AKENEO_BASE_URL: 'pim.example.com', SCHEDULE_IMPORT_ASSETS: 'hourly' }))
    assert.match(message, /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"/)
    assert.equal(message.match(/LOG_LEVEL/g)?.length, 1, message)
    assert.match(message, /DATABASE_URL must be sqlite:<file> or postgres:\/\/user:password@host:5432\/database/)
    assert.match(message, /AKENEO_BASE_URL must be an http\(s\) URL such as https:\/\/pim\.example\.com/)
    assert.match(message, /SCHEDULE_IMPORT_ASSETS must be a cron expression such as \*\/5 \* \* \* \*, or empty \(or off\) to disable the job/)
    assert.doesNotMatch(message, /must match pattern|equal to constant/)
    // The value of a URL may hold a password: it is not echoed.
    assert.doesNotMatch(configError(() => readEnv({ ...REQUIRED, DATABASE_URL: 'mysql://u:hunter2@db/c' })), /hunter2/)
  })

  it('says where the missing variables go', () => {
    assert.match(configError(() => readEnv({})), /Set the missing ones in the environment or in \.env: \.env\.example lists every variable/)
  })

  it('treats an empty value as unset', () => {
    assert.match(configError(() => readEnv({ ...REQUIRED, BYNDER_PERMANENT_TOKEN: '' })), /BYNDER_PERMANENT_TOKEN is required/)
    assert.match(configError(() => readEnv({ ...REQUIRED, AKENEO_TIME_ZONE: 'PST8' })), /AKENEO_TIME_ZONE must be an IANA time zone .*"PST8"/)
    assert.equal(readEnv(REQUIRED).AKENEO_TIME_ZONE, 'UTC')
    assert.equal(readEnv({ ...REQUIRED, AKENEO_TIME_ZONE: 'America/New_York' }).AKENEO_TIME_ZONE, 'America/New_York')
    assert.equal(readEnv({ ...REQUIRED, PORT: '' }).PORT, 3000)
  })
})

describe('credentials', () => {
  it('a CREDENTIALS_FILE named but missing stops the start naming the variable and the path (a typo must not drop portals)', () => {
    const absent = join(tempDir(), 'absent.yml')
    assert.match(configError(() => loadCredentials(readEnv({ ...REQUIRED, CREDENTIALS_FILE: absent }))), new RegExp(`CREDENTIALS_FILE=${absent.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: no such file`))
  })

  it('has the default credential from the environment when CREDENTIALS_FILE is empty, or unset and credentials.yml absent', () => {
    assert.deepEqual([...loadCredentials(readEnv({ ...REQUIRED })).keys()], ['bynder'], 'the default credentials.yml is optional')
    const credentials = loadCredentials(readEnv({ ...REQUIRED, CREDENTIALS_FILE: '', BYNDER_SNS_TOPIC_ARNS: 'arn:a, arn:b' }))
    assert.deepEqual([...credentials.keys()], ['bynder'])
    assert.deepEqual(credentials.get('bynder'), { code: 'bynder', baseUrl: 'https://brand.bynder.com', permanentToken: 'bynder-token', snsTopicArns: ['arn:a', 'arn:b'], egress: 'default' })
  })

  it('adds credentials from the file, substituting ${ENV}', () => {
    const file = join(tempDir(), 'credentials.yml')
    writeFileSync(file, 'emea:\n  base_url: https://emea.bynder.com\n  permanent_token: ${EMEA_TOKEN}\n  sns_topic_arns: [arn:aws:sns:eu-west-1:1:emea]\n')
    const env = readEnv({ ...REQUIRED, CREDENTIALS_FILE: file })
    const credentials = loadCredentials(env, { EMEA_TOKEN: 'emea-secret' })
    assert.deepEqual(credentials.get('emea'), { code: 'emea', baseUrl: 'https://emea.bynder.com', permanentToken: 'emea-secret', snsTopicArns: ['arn:aws:sns:eu-west-1:1:emea'], egress: 'default' })
    assert.match(configError(() => loadCredentials(env, {})), /\$\{EMEA_TOKEN\}.*EMEA_TOKEN is not set/)
    writeFileSync(file, 'apac:\n  base_url: https://apac.bynder.com\n  permanent_token: t\n  egress: apac_proxy\n')
    assert.equal(loadCredentials(env).get('apac')?.egress, 'apac_proxy', 'a portal behind another public IP gets its own budget')
  })

  it('refuses unknown keys with their path, and a second "bynder"', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'typo.yml'), 'emea:\n  base_url: https://emea.bynder.com\n  permanent_token: x\n  tokn: y\n')
    assert.match(configError(() => loadCredentials(readEnv({ ...REQUIRED, CREDENTIALS_FILE: join(dir, 'typo.yml') }))), /typo\.yml:4:\d+ at emea\.tokn: unknown key/)
    writeFileSync(join(dir, 'dup.yml'), 'bynder:\n  base_url: https://x.bynder.com\n  permanent_token: x\n')
    assert.match(configError(() => loadCredentials(readEnv({ ...REQUIRED, CREDENTIALS_FILE: join(dir, 'dup.yml') }))), /credential "bynder" is defined by BYNDER_BASE_URL/)
  })
})

describe('mapping file', () => {
  const minimal = 'metaproperty_mappings:\n  product_identifier: akeneo_product_sku\n  asset_type: akeneo_asset_type\n'

  it('loads the committed example and fills the defaults', () => {
    const example = loadMapping('mappings/bynder_attribute_mappings.yml')
    assert.equal(example.metaproperty_mappings.product_identifier, 'akeneo_product_sku')
    assert.equal(example.sortable_asset_type_metaproperty_mappings?.application_image_1, 'akeneo_sort_order')
    const defaults = parseMapping(minimal, 'm.yml')
    assert.equal(defaults.derivative_to_use, 'original')
    assert.equal(defaults.asset_unlink_after_archiving, true)
  })

  it('names an unknown key with file, line and YAML path', () => {
    const message = configError(() => parseMapping(`${minimal}  product_sku: x\nderivative: webimage\n`, 'm.yml'))
    assert.match(message, /m\.yml:4:\d+ at metaproperty_mappings\.product_sku: unknown key/)
    assert.match(message, /m\.yml:5:\d+ at derivative: unknown key/)
  })

  it('names a wrong type and a missing required key', () => {
    assert.match(configError(() => parseMapping(`${minimal}asset_unlink_after_archiving: sometimes\n`, 'm.yml')), /at asset_unlink_after_archiving: must be boolean/)
    assert.match(configError(() => parseMapping('derivative_to_use: webimage\n', 'm.yml')), /missing required key "metaproperty_mappings"/)
    assert.match(configError(() => parseMapping(`${minimal}enrichment_metaproperty_mappings:\n  name: [a, b]\n`, 'm.yml')), /m\.yml:5:\d+ at enrichment_metaproperty_mappings\.name: must be string/)
  })

  it('refuses a sortable attribute without a trailing _<n>', () => {
    const message = configError(() => parseMapping(`${minimal}sortable_asset_type_metaproperty_mappings:\n  gallery: akeneo_sort_order\n`, 'm.yml'))
    assert.match(message, /at sortable_asset_type_metaproperty_mappings\.gallery: a sortable attribute must end in _<n>/)
  })

  it('refuses option, locale and on-empty-only entries for attributes that are not enriched', () => {
    const message = configError(() => parseMapping(`${minimal}enrichment_metaproperty_mappings:\n  name: product_name\nenrichment_metaproperty_locale_mappings:\n  title: en_US\nupdate_metaproperty_on_empty_only_mappings: [brand]\n`, 'm.yml'))
    assert.match(message, /at enrichment_metaproperty_locale_mappings\.title: "title" is not in enrichment_metaproperty_mappings/)
    assert.match(message, /at update_metaproperty_on_empty_only_mappings\.0: "brand" is not in enrichment_metaproperty_mappings/)
  })

  it('reports YAML syntax errors and duplicate keys with the file', () => {
    assert.match(configError(() => parseMapping('metaproperty_mappings: [\n', 'broken.yml')), /broken\.yml/)
    assert.match(configError(() => parseMapping(`${minimal}derivative_to_use: a\nderivative_to_use: b\n`, 'dup.yml')), /dup\.yml: .*[Mm]ap keys must be unique/)
  })

  it('names MAPPINGS_FILE when the file cannot be read', () => {
    assert.match(configError(() => loadMapping('/nonexistent/mapping.yml')), /Cannot read mapping file \/nonexistent\/mapping\.yml \(MAPPINGS_FILE\)/)
  })
})

describe('npm start refuses a bad configuration', () => {
  function start (env: Record<string, string>): { status: number | null, stderr: string } {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      encoding: 'utf8',
      timeout: 20_000
    })
    return { status: result.status, stderr: result.stderr }
  }

  it('exits non-zero naming the missing variables on an empty environment', () => {
    const { status, stderr } = start({})
    assert.equal(status, 1)
    assert.match(stderr, /AKENEO_BASE_URL is required/)
    assert.match(stderr, /BYNDER_PERMANENT_TOKEN is required/)
  })

  it('exits non-zero naming an unknown mapping key and its YAML path', () => {
    const file = join(tempDir(), 'mapping.yml')
    writeFileSync(file, 'metaproperty_mappings:\n  product_identifier: sku\n  asset_type: type\nderivative_to_usee: webimage\n')
    const { status, stderr } = start({ ...REQUIRED, MAPPINGS_FILE: file, CREDENTIALS_FILE: '' })
    assert.equal(status, 1)
    assert.match(stderr, /mapping\.yml:4:\d+ at derivative_to_usee: unknown key/)
    assert.doesNotMatch(stderr, /pim-password|bynder-token/)
  })
})
