import fastifyEnv from '@fastify/env'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { loadCredentials, splitList, type BynderCredential } from '../config/credentials.js'
import { EnvSchema, type Env } from '../config/env.js'
import { loadMapping } from '../config/mapping-loader.js'
import type { Mapping } from '../config/mapping-schema.js'

declare module 'fastify' {
  interface FastifyInstance {
    config: Env
    mapping: Mapping
    credentials: Map<string, BynderCredential>
    /** Akeneo event authors that are this service itself (their events are not acted on). */
    selfAuthors: Set<string>
  }
}

export interface SettingsOptions {
  /** Raw environment; defaults to process.env. Tests pass their own. */
  env?: Record<string, string | undefined>
  /** A mapping already loaded (tests); otherwise MAPPINGS_FILE is read. */
  mapping?: Mapping
}

/** Validated environment (@fastify/env), credentials and mapping, loaded once at start. */
async function settings (fastify: FastifyInstance, options: SettingsOptions): Promise<void> {
  const source = options.env ?? process.env
  const data = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''))
  await fastify.register(fastifyEnv, { schema: EnvSchema, data, dotenv: false })
  const config = fastify.config
  fastify.decorate('credentials', loadCredentials(config, source))
  fastify.decorate('mapping', options.mapping ?? loadMapping(config.MAPPINGS_FILE))
  const selfAuthors = splitList(config.AKENEO_SELF_AUTHORS)
  fastify.decorate('selfAuthors', new Set(selfAuthors.length > 0 ? selfAuthors : [config.AKENEO_USERNAME, config.AKENEO_CLIENT_ID]))
}

export default fp(settings, { name: 'settings' })
