import type { FastifyInstance } from 'fastify'
import { UnsupportedAkeneoError } from '../clients/akeneo/index.js'
import { safeOrigin } from './connectivity.js'

/** The refusal of an unsupported Akeneo; null when supported or not reachable now (the run reports that itself). */
export async function unsupportedAkeneo (app: FastifyInstance): Promise<string | null> {
  try {
    await app.akeneo.assertSupported()
    return null
  } catch (error) {
    if (error instanceof UnsupportedAkeneoError) return `Akeneo (${safeOrigin(app.config.AKENEO_BASE_URL)}): ${error.message}`
    return null
  }
}
