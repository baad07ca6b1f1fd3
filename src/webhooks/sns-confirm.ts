import type { FastifyBaseLogger } from 'fastify'
import { BadGateway, Unauthorized } from '../errors.js'
import type { IntakeOutcome, Store } from '../store/store.js'
import { bynderControlEvent } from './bynder-events.js'
import type { SnsMessage } from './sns-message.js'

/** Confirmations being fetched right now: a concurrent redelivery must not GET twice. */
const inFlight = new Set<string>()

/**
 * Confirms a *verified* SubscriptionConfirmation by GET on its SubscribeURL, once per
 * MessageId. The URL must be on the host (and scheme) of the certificate URL that the pattern
 * already trusted: otherwise a correctly signed message could still make us call anywhere.
 * The event is recorded only after the GET succeeded, so a failed confirmation (answered 502)
 * is tried again when SNS redelivers it.
 */
export async function confirmSubscription (store: Store, message: SnsMessage, log: FastifyBaseLogger, now: number): Promise<IntakeOutcome[]> {
  const control = bynderControlEvent(message, now, 'subscription confirmed')
  // Being confirmed by a concurrent delivery: report a duplicate and let that one record it.
  if (inFlight.has(message.MessageId)) return [{ eventId: 0, status: 'duplicate', taskId: null }]
  if (await store.findEvent('bynder', message.MessageId) !== null) return store.intake([control])
  let subscribe: URL
  try {
    subscribe = new URL(message.SubscribeURL ?? '')
  } catch {
    throw new Unauthorized('SubscribeURL is not a URL')
  }
  const cert = new URL(message.SigningCertURL)
  if (subscribe.protocol !== cert.protocol || subscribe.host !== cert.host) {
    throw new Unauthorized('SubscribeURL is not on the host of the signing certificate')
  }

  inFlight.add(message.MessageId)
  try {
    // No redirects: the host check above must hold for the URL actually called.
    const response = await fetch(subscribe, { redirect: 'error', signal: AbortSignal.timeout(10_000) })
    await response.arrayBuffer()
    if (!response.ok) throw new Error(`SubscribeURL answered ${response.status}`)
  } catch (err) {
    log.warn({ err: { message: (err as Error).message }, topicArn: message.TopicArn }, 'SNS subscription confirmation failed')
    throw new BadGateway('Could not confirm the subscription; SNS will redeliver')
  } finally {
    inFlight.delete(message.MessageId)
  }
  log.info({ topicArn: message.TopicArn }, 'SNS subscription confirmed')
  return store.intake([control])
}
