import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { DEFAULT_CREDENTIAL_CODE, type BynderCredential } from '../../src/config/credentials.js'
import { BadRequest, Unauthorized } from '../../src/errors.js'
import { deliveryLogLevel } from '../../src/plugins/intake-batcher.js'
import { countOutcomes, errorResponses, IntakeReplySchema } from '../../src/http-schemas.js'
import { bynderControlEvent, bynderNotificationEvent } from '../../src/webhooks/bynder-events.js'
import { SnsMessageCheck, type SnsMessage } from '../../src/webhooks/sns-message.js'
import { createSnsVerifier, SnsVerificationError } from '../../src/webhooks/sns-verify.js'
import { lazyChildLogger } from '../../src/webhooks/lazy-child-logger.js'
import { acceptRawBody, parseJson } from '../../src/webhooks/raw-body.js'
import { confirmSubscription } from '../../src/webhooks/sns-confirm.js'

const schema = {
  params: Type.Object({ credentialCode: Type.Optional(Type.String({ maxLength: 100 })) }),
  headers: Type.Object({ 'x-amz-sns-message-type': Type.Optional(Type.String()) }),
  response: { 200: IntakeReplySchema, ...errorResponses(400, 401, 413, 415, 500, 502) }
}

/**
 * Amazon SNS on behalf of Bynder. Content types: SNS sends `text/plain; charset=UTF-8`;
 * `application/json` is accepted too (raw-delivery and proxy setups send it); anything else
 * is 415. An unknown credential code is 401, not 404: it does not reveal which codes exist,
 * and to SNS both are just failed deliveries.
 */
const bynderWebhook: FastifyPluginAsyncTypebox = async (fastify) => {
  acceptRawBody(fastify, ['text/plain', 'application/json'])
  fastify.setChildLoggerFactory(lazyChildLogger)
  const verifier = createSnsVerifier({ certUrlPattern: new RegExp(fastify.config.SNS_CERT_URL_PATTERN) })
  const verified = new WeakMap<FastifyRequest, { message: SnsMessage, credential: BynderCredential }>()

  async function authenticate (request: FastifyRequest<{ Params: { credentialCode?: string } }>): Promise<void> {
    const credential = fastify.credentials.get(request.params.credentialCode ?? DEFAULT_CREDENTIAL_CODE)
    if (credential === undefined) throw new Unauthorized('Unknown credential code')
    const message = parseJson(request.body)
    if (!SnsMessageCheck.Check(message)) throw new BadRequest('Body is not an SNS message')
    const headerType = request.headers['x-amz-sns-message-type']
    if (headerType !== undefined && headerType !== message.Type) throw new BadRequest('x-amz-sns-message-type does not match the message Type')
    try {
      await verifier.verify(message)
    } catch (error) {
      if (error instanceof SnsVerificationError) throw new Unauthorized(`SNS message not trusted: ${error.message}`)
      throw error
    }
    if (credential.snsTopicArns.length > 0 && !credential.snsTopicArns.includes(message.TopicArn)) {
      throw new Unauthorized('SNS topic is not in the allow-list of this credential')
    }
    verified.set(request, { message, credential })
  }

  const route = { schema, preValidation: authenticate, logLevel: deliveryLogLevel(fastify) }
  const handler = async (request: FastifyRequest): Promise<{ accepted: number, ignored: number, duplicate: number }> => {
    const { message, credential } = verified.get(request)!
    const log = request.log.child({ snsMessageId: message.MessageId, credential: credential.code, snsType: message.Type })
    const now = Date.now()
    if (message.Type === 'SubscriptionConfirmation') {
      return countOutcomes(await confirmSubscription(fastify.store, message, log, now))
    }
    const event = message.Type === 'Notification'
      ? bynderNotificationEvent(message, credential.code, now, fastify.config.BYNDER_FETCH_DELAY_MS)
      : bynderControlEvent(message, now, 'unsubscribe confirmation; nothing to do')
    const outcomes = await fastify.intakeBatcher.submit([event])
    log.debug({ eventId: outcomes[0]!.eventId, status: outcomes[0]!.status, taskId: outcomes[0]!.taskId, subject: message.Subject }, 'SNS message recorded')
    fastify.worker.nudge()
    return countOutcomes(outcomes)
  }
  fastify.post('/webhooks/bynder', route, handler)
  fastify.post('/webhooks/bynder/:credentialCode', route, handler)
}

export default bynderWebhook
