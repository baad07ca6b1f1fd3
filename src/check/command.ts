import { parseArgs } from 'node:util'
import { cliOutput, commandEnv, configured, parseCommandLine, type CliIo } from '../cli-start.js'
import { createAkeneoClient } from '../clients/akeneo/index.js'
import { createBynderClient } from '../clients/bynder/index.js'
import { loadCredentials, type BynderCredential } from '../config/credentials.js'
import { ConfigError, readEnv, type Env } from '../config/env.js'
import { replicaShare } from '../config/replica-share.js'
import { redact, safeOrigin } from './connectivity.js'
import { formatReport } from './findings.js'
import { loadMappingWithSource } from './mapping-source.js'
import { runCheck, type CheckTargets } from './run-check.js'

export const CHECK_USAGE = `Usage: bynder-akeneo check [--credential_code CODE]

Checks the mapping (MAPPINGS_FILE) against Akeneo and Bynder: metaproperties exist and are
API fields, options exist, attributes exist and have a supported type. Checks every Bynder
credential (bynder and those of CREDENTIALS_FILE) unless --credential_code names one.
Exit code: 0 no errors, 1 errors found, 2 usage or configuration error.
`

export type CheckIo = CliIo

// A check is interactive: one quick retry, not the worker's patient backoff.
const AKENEO_RETRY = { limit: 1, baseDelayMs: 250, maxDelayMs: 1000, maxRetryAfterMs: 2000 }
const BYNDER_RETRY = { limit: 1, baseDelayMs: 250, maxDelayMs: 1000 }

function parse (args: string[]): { help: boolean, credentialCode: string | undefined } {
  const { values } = parseArgs({
    args,
    options: { credential_code: { type: 'string' }, 'credential-code': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
    allowPositionals: false
  })
  return { help: values.help === true, credentialCode: values.credential_code ?? values['credential-code'] }
}

function selectCredentials (all: Map<string, BynderCredential>, code: string | undefined): BynderCredential[] {
  if (code === undefined) return [...all.values()]
  const credential = all.get(code)
  if (credential === undefined) throw new ConfigError(`No Bynder credential "${code}" (known: ${[...all.keys()].join(', ')})`)
  return [credential]
}

function targets (env: Env, credentials: BynderCredential[], mapping: CheckTargets['mapping']): CheckTargets {
  return {
    mapping,
    akeneo: {
      label: `akeneo (${safeOrigin(env.AKENEO_BASE_URL)})`,
      credentialsHint: 'AKENEO_CLIENT_ID, AKENEO_CLIENT_SECRET, AKENEO_USERNAME and AKENEO_PASSWORD',
      client: createAkeneoClient({
        baseUrl: env.AKENEO_BASE_URL,
        clientId: env.AKENEO_CLIENT_ID,
        clientSecret: env.AKENEO_CLIENT_SECRET,
        username: env.AKENEO_USERNAME,
        password: env.AKENEO_PASSWORD,
        maxConcurrency: replicaShare(env).akeneoMaxConcurrency,
        retry: AKENEO_RETRY
      })
    },
    bynder: credentials.map((credential) => ({
      code: credential.code,
      label: `bynder credential ${credential.code} (${safeOrigin(credential.baseUrl)})`,
      credentialsHint: credential.code === 'bynder' ? 'BYNDER_PERMANENT_TOKEN' : `permanent_token of credential ${credential.code} in CREDENTIALS_FILE`,
      client: createBynderClient({
        baseUrl: credential.baseUrl,
        permanentToken: credential.permanentToken,
        maxRequestsPerSecond: replicaShare(env).bynderMaxRps,
        retry: BYNDER_RETRY
      })
    }))
  }
}

/** `bynder-akeneo check`: findings on stdout, then a summary; the exit code says whether there were errors. */
export async function checkCommand (args: string[], io: CheckIo = {}): Promise<number> {
  const out = cliOutput(io)
  const options = parseCommandLine('bynder-akeneo check', CHECK_USAGE, () => parse(args), out)
  if (typeof options === 'number') return options

  const processEnv = commandEnv(io)
  const prepared = await configured('bynder-akeneo check', 'check', out.stderr, () => {
    const env = readEnv(processEnv)
    const credentials = selectCredentials(loadCredentials(env, processEnv), options.credentialCode)
    return { env, credentials, loaded: loadMappingWithSource(env.MAPPINGS_FILE) }
  })
  if (prepared === undefined) return 2

  const { env, credentials, loaded } = prepared
  const secrets = [env.AKENEO_CLIENT_SECRET, env.AKENEO_PASSWORD, ...credentials.map((c) => c.permanentToken)]
  const findings = await runCheck(targets(env, credentials, loaded.mapping))
  const report = formatReport(findings, loaded.yaml)
  for (const line of report.lines) out.stdout(`${redact(line, secrets)}\n`)
  out.stdout(`${report.summary}\n`)
  return report.errors > 0 ? 1 : 0
}
