import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { redact, safeOrigin } from '../check/connectivity.js'
import { formatReport } from '../check/findings.js'
import { loadMappingWithSource } from '../check/mapping-source.js'
import { runCheck } from '../check/run-check.js'
import type { CheckReport } from '../check/report-schema.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** `bynder-akeneo check` on the service's own clients (their rate limits), for POST /check. */
    runCheck: () => Promise<CheckReport>
  }
}

/** The mapping check of the CLI (src/check/run-check.ts) run against every configured credential. */
async function checkPlugin (fastify: FastifyInstance): Promise<void> {
  const config = fastify.config
  fastify.decorate('runCheck', async () => {
    // Read again for the YAML positions: the file the service loaded at start (MAPPINGS_FILE).
    const { yaml } = loadMappingWithSource(config.MAPPINGS_FILE)
    const credentials = [...fastify.credentials.values()]
    const findings = await runCheck({
      mapping: fastify.mapping,
      akeneo: { client: fastify.akeneo, label: `akeneo (${safeOrigin(config.AKENEO_BASE_URL)})`, credentialsHint: 'AKENEO_CLIENT_ID, AKENEO_CLIENT_SECRET, AKENEO_USERNAME and AKENEO_PASSWORD' },
      bynder: credentials.map((credential) => ({
        code: credential.code,
        client: fastify.bynder(credential.code),
        label: `bynder credential ${credential.code} (${safeOrigin(credential.baseUrl)})`,
        credentialsHint: credential.code === 'bynder' ? 'BYNDER_PERMANENT_TOKEN' : `permanent_token of credential ${credential.code} in CREDENTIALS_FILE`
      }))
    })
    const report = formatReport(findings, yaml)
    const secrets = [config.AKENEO_CLIENT_SECRET, config.AKENEO_PASSWORD, ...credentials.map((c) => c.permanentToken)]
    return {
      summary: report.summary,
      errors: report.errors,
      warnings: report.warnings,
      findings: report.lines.map((line) => {
        const [, severity, text] = /^(error|warning|note) {2}(.*)$/s.exec(line) ?? [line, 'note', line]
        return { severity: severity as 'error' | 'warning' | 'note', text: redact(text!, secrets) }
      }),
      checked_at: new Date().toISOString()
    }
  })
}

export default fp(checkPlugin, { name: 'check', dependencies: ['settings', 'clients'] })
