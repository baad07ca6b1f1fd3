import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { Forbidden, Unauthorized } from '../errors.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest hook for operator routes (before the body is read): `Authorization: Bearer $ADMIN_TOKEN`. */
    adminAuth: (request: FastifyRequest, reply: FastifyReply) => Promise<void>
  }
}

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest()

/**
 * Compares SHA-256 digests in constant time: equal lengths whatever the caller sent, so
 * neither the token's length nor its prefix leaks through timing. Without ADMIN_TOKEN the
 * admin API is off (403 saying so) rather than open.
 */
export function createAdminAuth (token: string | undefined, what = 'admin'): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  const expected = token === undefined ? undefined : digest(token)
  return async (request, reply) => {
    if (expected === undefined) throw new Forbidden('The admin API is disabled: set ADMIN_TOKEN to enable it')
    const match = /^Bearer (\S+)$/i.exec(request.headers.authorization ?? '')
    if (match === null || !timingSafeEqual(digest(match[1]!), expected)) {
      void reply.header('www-authenticate', 'Bearer realm="bynder-akeneo-connector"')
      throw new Unauthorized(`A valid ${what} bearer token is required`)
    }
  }
}

async function adminAuth (fastify: FastifyInstance): Promise<void> {
  fastify.decorate('adminAuth', createAdminAuth(fastify.config.ADMIN_TOKEN))
}

export default fp(adminAuth, { name: 'admin-auth', dependencies: ['settings'] })
