import envSchema from 'env-schema'
import { Type, type Static } from 'typebox'
import { isTimeZone } from '../time-zone.js'

const LogLevel = Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)))
const HttpUrl = Type.String({ pattern: '^https?://[^\\s]+$' })
const Secret = Type.String({ minLength: 1 })
// Empty or `off` disables a job; croner checks the expression itself at start (src/replay/schedule.ts).
const CronOrEmpty = Type.String({ pattern: '^$|^[Oo][Ff][Ff]$|^\\S+( +\\S+){4,5}$' })

/** The environment of DESIGN §4, plus the inbox/worker tuning knobs. Defaults live here only. */
/** Where CREDENTIALS_FILE points when it is not set; only this path may be absent. */
export const DEFAULT_CREDENTIALS_FILE = 'credentials.yml'

export const EnvSchema = Type.Object({
  HOST: Type.String({ default: '0.0.0.0' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  LOG_LEVEL: Type.Unsafe<Static<typeof LogLevel>>({ ...LogLevel, default: 'info' }),
  DATABASE_URL: Type.String({ pattern: '^(sqlite:|postgres(ql)?://)', default: 'sqlite:./data/connector.db' }),
  // Processes sharing one PostgreSQL store; BYNDER_MAX_RPS and AKENEO_MAX_CONCURRENCY are split between them.
  REPLICAS: Type.Integer({ minimum: 1, maximum: 10, default: 1 }),
  MAPPINGS_FILE: Type.String({ minLength: 1, default: 'mappings/bynder_attribute_mappings.yml' }),

  AKENEO_BASE_URL: HttpUrl,
  AKENEO_CLIENT_ID: Secret,
  AKENEO_CLIENT_SECRET: Secret,
  AKENEO_USERNAME: Secret,
  AKENEO_PASSWORD: Secret,
  AKENEO_MAX_CONCURRENCY: Type.Integer({ minimum: 1, maximum: 10, default: 4 }),
  AKENEO_EVENTS_API_SECRET: Type.Optional(Type.String()),
  AKENEO_EVENT_PLATFORM_SECRET: Type.Optional(Type.String()),
  AKENEO_SELF_AUTHORS: Type.Optional(Type.String()),
  // IANA name of the PIM server's time zone (php.ini date.timezone); Akeneo reads search dates in it.
  AKENEO_TIME_ZONE: Type.String({ minLength: 1, default: 'UTC' }),

  BYNDER_BASE_URL: HttpUrl,
  BYNDER_PERMANENT_TOKEN: Secret,
  CREDENTIALS_FILE: Type.String({ default: DEFAULT_CREDENTIALS_FILE }),
  BYNDER_MAX_RPS: Type.Number({ exclusiveMinimum: 0, maximum: 100, default: 10 }),
  BYNDER_FETCH_DELAY_MS: Type.Integer({ minimum: 0, default: 5000 }),
  // After a 429 (Bynder blocks the IP until 5 minutes pass without a request): pause all
  // Bynder traffic this long after the last 429, then ramp back to BYNDER_MAX_RPS.
  BYNDER_BLOCK_QUIET_MS: Type.Integer({ minimum: 0, default: 330000 }),
  BYNDER_BLOCK_RAMP_MS: Type.Integer({ minimum: 0, default: 60000 }),
  BYNDER_SNS_TOPIC_ARNS: Type.Optional(Type.String()),
  SNS_CERT_URL_PATTERN: Type.String({ minLength: 1, default: '^https://sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/[^?#]+\\.pem$' }),

  ADMIN_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
  // Unset: GET /metrics is open, as exporters usually are (bind it to an internal network).
  METRICS_TOKEN: Type.Optional(Type.String({ minLength: 16 })),

  SCHEDULE_IMPORT_ASSETS: Type.Unsafe<string>({ ...CronOrEmpty, default: '*/5 * * * *' }),
  SCHEDULE_UPDATE_PROPERTIES: Type.Unsafe<string>({ ...CronOrEmpty, default: '*/5 * * * *' }),
  SCHEDULE_UPDATE_MAPPED_PROPERTIES: Type.Unsafe<string>({ ...CronOrEmpty, default: '*/30 * * * *' }),
  // The window of a job's first scheduled run; later runs start where the last successful one did.
  SCHEDULE_FIRST_WINDOW_MINUTES: Type.Integer({ minimum: 1, maximum: 43200, default: 60 }),

  INBOX_MAX_PENDING: Type.Integer({ minimum: 1, default: 10000 }),
  // Tasks mostly wait on upstreams; 16 keep Bynder's 10 calls/s busy while others wait on Akeneo
  // or S3 (issue 14: 4 drained a burst at 0.74 of the rate floor, 16 at 0.86, 32 no better).
  // The Akeneo client's own limiter keeps its calls at AKENEO_MAX_CONCURRENCY.
  WORKER_CONCURRENCY: Type.Integer({ minimum: 1, maximum: 64, default: 16 }),
  WORKER_MAX_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 100, default: 8 }),
  WORKER_LEASE_MS: Type.Integer({ minimum: 1000, default: 20000 }),
  // Retry delays: base·2^(attempt−1) capped, with jitter (src/worker/backoff.ts).
  WORKER_BACKOFF_BASE_MS: Type.Integer({ minimum: 0, default: 1000 }),
  WORKER_BACKOFF_CAP_MS: Type.Integer({ minimum: 0, default: 300000 }),
  // Idle poll of the inbox; new events wake the worker sooner.
  WORKER_POLL_MS: Type.Integer({ minimum: 10, default: 500 })
})

export type Env = Static<typeof EnvSchema>

export class ConfigError extends Error {
  override readonly name = 'ConfigError'
}

interface AjvError { instancePath: string, keyword?: string, message?: string, params: Record<string, unknown> }

const LOG_LEVELS = LogLevel.anyOf.map((level) => String(level.const))
const SCHEDULE_HINT = 'must be a cron expression such as */5 * * * *, or empty (or off) to disable the job'

/** What a value that fails its schema should look like, for the variables whose schema says it badly. */
const FORMAT_HINTS: Record<string, string> = {
  DATABASE_URL: 'must be sqlite:<file> or postgres://user:password@host:5432/database (also postgresql://)',
  AKENEO_BASE_URL: 'must be an http(s) URL such as https://pim.example.com',
  BYNDER_BASE_URL: 'must be an http(s) URL such as https://brand.bynder.com',
  SCHEDULE_IMPORT_ASSETS: SCHEDULE_HINT,
  SCHEDULE_UPDATE_PROPERTIES: SCHEDULE_HINT,
  SCHEDULE_UPDATE_MAPPED_PROPERTIES: SCHEDULE_HINT
}

/**
 * Turns env-schema's Ajv errors into one line per variable, naming it and what it should look
 * like. Values are not echoed (a URL may hold a password), except LOG_LEVEL's.
 */
export function describeEnvErrors (errors: AjvError[], data: Record<string, string | undefined> = {}): string[] {
  const lines = new Map<string, string>()
  for (const error of errors) {
    if (typeof error.params.missingProperty === 'string') {
      lines.set(error.params.missingProperty, `${error.params.missingProperty} is required but not set`)
      continue
    }
    const variable = error.instancePath.replace(/^\//, '')
    if (lines.has(variable)) continue
    if (variable === 'LOG_LEVEL') lines.set(variable, `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${String(data.LOG_LEVEL)}"`)
    else if (error.keyword === 'pattern' && FORMAT_HINTS[variable] !== undefined) lines.set(variable, `${variable} ${FORMAT_HINTS[variable]}`)
    else lines.set(variable, `${variable} ${error.message ?? 'is invalid'}`)
  }
  return [...lines.values()]
}

/**
 * Validates and coerces the environment. This is the check @fastify/env runs (it wraps
 * env-schema); the CLI and server call it before a logger exists so a bad value fails fast.
 * Empty strings count as unset, the way `.env` files and compose files usually mean them.
 */
export function readEnv (source: Record<string, string | undefined> = process.env): Env {
  const data = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''))
  let env: Env
  try {
    env = envSchema<Env>({ schema: EnvSchema, data, dotenv: false })
  } catch (error) {
    const errors = (error as { errors?: AjvError[] }).errors
    if (errors === undefined) throw error
    const lines = describeEnvErrors(errors, data)
    const where = lines.some((line) => line.endsWith(' is required but not set')) ? '\nSet the missing ones in the environment or in .env: .env.example lists every variable.' : ''
    throw new ConfigError(`Invalid environment:\n${lines.map((line) => `  - ${line}`).join('\n')}${where}`)
  }
  if (!isTimeZone(env.AKENEO_TIME_ZONE)) {
    throw new ConfigError(`Invalid environment:\n  - AKENEO_TIME_ZONE must be an IANA time zone such as Europe/Paris or UTC, got "${env.AKENEO_TIME_ZONE}"`)
  }
  return env
}
