import { existsSync, readFileSync } from 'node:fs'
import { Type, type Static } from 'typebox'
import { parseDocument } from 'yaml'
import { ConfigError, DEFAULT_CREDENTIALS_FILE, type Env } from './env.js'
import { describeSchemaErrors } from './yaml-errors.js'

export const DEFAULT_CREDENTIAL_CODE = 'bynder'
export const DEFAULT_EGRESS = 'default'

const CredentialEntrySchema = Type.Object({
  base_url: Type.String({ pattern: '^https?://[^\\s]+$' }),
  permanent_token: Type.String({ minLength: 1 }),
  sns_topic_arns: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
  // Portals reached from another public IP (another proxy / NAT) get a rate budget of their own.
  egress: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]+$' }))
}, { additionalProperties: false })

/** credentials.yml: Bynder credentials by code, e.g. `emea: {base_url, permanent_token}`. */
export const CredentialsFileSchema = Type.Record(Type.String({ pattern: '^[A-Za-z0-9_-]+$' }), CredentialEntrySchema)

export interface BynderCredential {
  code: string
  baseUrl: string
  permanentToken: string
  /** Empty: any topic whose signature verifies. */
  snsTopicArns: string[]
  /** Credentials of one egress share one rate budget and 429 gate (default: all of them). */
  egress: string
}

export function splitList (value: string | undefined): string[] {
  return (value ?? '').split(',').map((item) => item.trim()).filter((item) => item !== '')
}

/** `${NAME}` is replaced by the environment variable; an unset one is an error, never an empty token. */
function substituteEnv (text: string, env: Record<string, string | undefined>, file: string): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_match, name: string) => {
    const value = env[name]
    if (value === undefined || value === '') throw new ConfigError(`${file}: \${${name}} is used but the environment variable ${name} is not set`)
    return value
  })
}

/**
 * The default credential `bynder` comes from BYNDER_BASE_URL / BYNDER_PERMANENT_TOKEN; more
 * come from CREDENTIALS_FILE (optional, as in DESIGN §4: the default `credentials.yml` may be
 * absent, an empty value means none). A path someone named that does not exist stops the start:
 * a typo would otherwise drop every portal of the file without a word.
 */
export function loadCredentials (env: Env, processEnv: Record<string, string | undefined> = process.env): Map<string, BynderCredential> {
  const credentials = new Map<string, BynderCredential>()
  credentials.set(DEFAULT_CREDENTIAL_CODE, {
    code: DEFAULT_CREDENTIAL_CODE,
    baseUrl: env.BYNDER_BASE_URL,
    permanentToken: env.BYNDER_PERMANENT_TOKEN,
    snsTopicArns: splitList(env.BYNDER_SNS_TOPIC_ARNS),
    egress: DEFAULT_EGRESS
  })
  const file = env.CREDENTIALS_FILE
  if (file === '' || (file === DEFAULT_CREDENTIALS_FILE && !existsSync(file))) return credentials
  if (!existsSync(file)) {
    throw new ConfigError(`CREDENTIALS_FILE=${file}: no such file. Point it at the credentials file, or set it empty to use only BYNDER_BASE_URL / BYNDER_PERMANENT_TOKEN`)
  }

  const source = readFileSync(file, 'utf8')
  const document = parseDocument(source)
  if (document.errors.length > 0) throw new ConfigError(`${file}: ${document.errors[0]!.message}`)
  const raw = document.toJS() ?? {}
  const problems = describeSchemaErrors(CredentialsFileSchema, raw, { document, source, file })
  if (problems.length > 0) throw new ConfigError(`Invalid credentials file:\n${problems.map((line) => `  - ${line}`).join('\n')}`)

  for (const [code, entry] of Object.entries(raw as Static<typeof CredentialsFileSchema>)) {
    if (code === DEFAULT_CREDENTIAL_CODE) {
      throw new ConfigError(`${file}: credential "${DEFAULT_CREDENTIAL_CODE}" is defined by BYNDER_BASE_URL and BYNDER_PERMANENT_TOKEN; give this one another code`)
    }
    credentials.set(code, {
      code,
      baseUrl: substituteEnv(entry.base_url, processEnv, file),
      permanentToken: substituteEnv(entry.permanent_token, processEnv, file),
      snsTopicArns: (entry.sns_topic_arns ?? []).map((arn) => substituteEnv(arn, processEnv, file)),
      egress: entry.egress ?? DEFAULT_EGRESS
    })
  }
  return credentials
}
