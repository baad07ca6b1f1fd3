import { ConfigError, type Env } from './env.js'

export interface UpstreamBudget {
  bynderMaxRps: number
  akeneoMaxConcurrency: number
}

/**
 * This process's share of the upstream limits. Bynder's rate limit is per IP (of the NAT the
 * replicas usually share) and Akeneo's 4 in-flight calls are per connection (all replicas use
 * the same one), so `BYNDER_MAX_RPS` and `AKENEO_MAX_CONCURRENCY` are the deployment's totals
 * and each of `REPLICAS` processes takes an equal part. Split by configuration rather than
 * shared through the database: no extra round trip per upstream call, and a replica that dies
 * only leaves its share unused. Fewer Akeneo slots than replicas cannot be split: refused.
 */
export function replicaShare (env: Pick<Env, 'REPLICAS' | 'BYNDER_MAX_RPS' | 'AKENEO_MAX_CONCURRENCY'>): UpstreamBudget {
  if (env.REPLICAS > env.AKENEO_MAX_CONCURRENCY) {
    throw new ConfigError(`REPLICAS (${env.REPLICAS}) is more than AKENEO_MAX_CONCURRENCY (${env.AKENEO_MAX_CONCURRENCY}): ` +
      'each replica needs at least one Akeneo call in flight; raise AKENEO_MAX_CONCURRENCY if your PIM allows it, or run fewer replicas')
  }
  return {
    bynderMaxRps: env.BYNDER_MAX_RPS / env.REPLICAS,
    akeneoMaxConcurrency: Math.floor(env.AKENEO_MAX_CONCURRENCY / env.REPLICAS)
  }
}
