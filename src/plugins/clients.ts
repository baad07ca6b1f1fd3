import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Logger } from 'pino'
import { createAkeneoClient, type AkeneoClient } from '../clients/akeneo/index.js'
import { createBynderClient, createBynderEgress, type BynderClient, type BynderEgress } from '../clients/bynder/index.js'
import { DEFAULT_CREDENTIAL_CODE } from '../config/credentials.js'
import { replicaShare } from '../config/replica-share.js'

declare module 'fastify' {
  interface FastifyInstance {
    akeneo: AkeneoClient
    /** The Bynder client of a credential code; clients of one egress share its rate budget and 429 gate. */
    bynder: (credentialCode?: string) => BynderClient
  }
}

export class UnknownCredentialError extends Error {
  override readonly name = 'UnknownCredentialError'
}

/** One client per upstream, built from the validated settings and shared by handlers and jobs. */
async function clients (fastify: FastifyInstance): Promise<void> {
  const config = fastify.config
  const budget = replicaShare(config)
  // Fastify's logger is pino underneath; its public type is narrower than pino's own.
  const logger = (bindings: Record<string, string>): Logger => fastify.log.child(bindings) as unknown as Logger
  fastify.decorate('akeneo', createAkeneoClient({
    baseUrl: config.AKENEO_BASE_URL,
    clientId: config.AKENEO_CLIENT_ID,
    clientSecret: config.AKENEO_CLIENT_SECRET,
    username: config.AKENEO_USERNAME,
    password: config.AKENEO_PASSWORD,
    maxConcurrency: budget.akeneoMaxConcurrency,
    timeZone: config.AKENEO_TIME_ZONE,
    logger: logger({ api: 'akeneo' }),
    observer: fastify.metrics.upstream
  }))

  const bynderClients = new Map<string, BynderClient>()
  // Bynder limits and blocks per public IP, whatever the portal: one budget per egress.
  const egresses = new Map<string, BynderEgress>()
  const egressOf = (name: string): BynderEgress => {
    let egress = egresses.get(name)
    if (egress === undefined) {
      egress = createBynderEgress({ maxRequestsPerSecond: budget.bynderMaxRps, quietMs: config.BYNDER_BLOCK_QUIET_MS, rampMs: config.BYNDER_BLOCK_RAMP_MS })
      egresses.set(name, egress)
    }
    return egress
  }
  fastify.decorate('bynder', (credentialCode = DEFAULT_CREDENTIAL_CODE) => {
    const existing = bynderClients.get(credentialCode)
    if (existing !== undefined) return existing
    const credential = fastify.credentials.get(credentialCode)
    if (credential === undefined) throw new UnknownCredentialError(`No Bynder credential "${credentialCode}" (known: ${[...fastify.credentials.keys()].join(', ')})`)
    const client = createBynderClient({
      baseUrl: credential.baseUrl,
      permanentToken: credential.permanentToken,
      egress: egressOf(credential.egress),
      logger: logger({ api: 'bynder', credential: credentialCode }),
      observer: fastify.metrics.upstream
    })
    bynderClients.set(credentialCode, client)
    return client
  })
}

export default fp(clients, { name: 'clients', dependencies: ['settings', 'metrics'] })
