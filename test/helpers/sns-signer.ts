import { createSign, randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import Fastify from 'fastify'
import { snsStringToSign, type SnsMessage } from '../../src/webhooks/sns-message.js'

const KEY = readFileSync(new URL('../fixtures/sns/signing-key.pem', import.meta.url), 'utf8')
const CERT = readFileSync(new URL('../fixtures/sns/signing-cert.pem', import.meta.url), 'utf8')
export const TEST_TOPIC_ARN = 'arn:aws:sns:eu-west-1:123456789012:bynder-webhooks'

type Unsigned = Omit<SnsMessage, 'Signature' | 'SignatureVersion' | 'SigningCertURL'>

/** Signs with the same canonical string the service verifies (like stripe's test header helper). */
export function signSns (message: Unsigned, certUrl: string, version: '1' | '2' = '2', key = KEY): SnsMessage {
  const unsigned = { ...message, SignatureVersion: version, SigningCertURL: certUrl, Signature: '' }
  const signer = createSign(version === '1' ? 'RSA-SHA1' : 'RSA-SHA256')
  signer.update(snsStringToSign(unsigned)!, 'utf8')
  return { ...unsigned, Signature: signer.sign(key, 'base64') }
}

export interface SnsFake {
  baseUrl: string
  certUrl: string
  certFetches: number
  /** Every path requested (query included), to prove which URLs were fetched at all. */
  requested: string[]
  /** Query strings of the GETs on the SubscribeURL, in order. */
  subscribeCalls: string[]
  notification: (args: { mediaId?: string, subject?: string, message?: string, messageId?: string, topicArn?: string, version?: '1' | '2', certUrl?: string }) => SnsMessage
  confirmation: (args?: { messageId?: string, subscribeUrl?: string, topicArn?: string }) => SnsMessage
  close: () => Promise<void>
}

/**
 * A local stand-in for SNS on port 0: serves the test certificate (counting fetches, to prove
 * caching) and records SubscribeURL GETs, to prove a subscription is confirmed exactly once.
 */
export async function startSnsFake (): Promise<SnsFake> {
  const server = Fastify()
  const fake = { certFetches: 0, subscribeCalls: [] as string[], requested: [] as string[] }
  server.addHook('onRequest', async (request) => { fake.requested.push(request.url) })
  server.get('/SimpleNotificationService-test.pem', async () => { fake.certFetches++; return CERT })
  server.get('/sns/SimpleNotificationService-test.pem', async () => { fake.certFetches++; return CERT })
  // What an attacker's path on a trusted host would serve: a certificate their own key signs.
  server.get('/evil/x.pem', async () => { fake.certFetches++; return CERT })
  server.get('/confirm', async (request) => {
    fake.subscribeCalls.push(request.url.split('?')[1] ?? '')
    return '<ConfirmSubscriptionResponse/>'
  })
  const baseUrl = await server.listen({ host: '127.0.0.1', port: 0 })
  const certUrl = `${baseUrl}/SimpleNotificationService-test.pem`
  const now = (): string => new Date().toISOString()

  return Object.assign(fake, {
    baseUrl,
    certUrl,
    notification: (args: Parameters<SnsFake['notification']>[0]) => signSns({
      Type: 'Notification',
      MessageId: args.messageId ?? randomUUID(),
      TopicArn: args.topicArn ?? TEST_TOPIC_ARN,
      Subject: args.subject ?? 'asset_bank.media.meta_updated',
      Message: args.message ?? JSON.stringify({ media_id: args.mediaId ?? '9542A933-2DF5-4999-9AB52701F33613C0' }),
      Timestamp: now(),
      UnsubscribeURL: `${baseUrl}/unsubscribe`
    }, args.certUrl ?? certUrl, args.version ?? '2'),
    confirmation: (args: Parameters<SnsFake['confirmation']>[0] = {}) => signSns({
      Type: 'SubscriptionConfirmation',
      MessageId: args.messageId ?? randomUUID(),
      TopicArn: args.topicArn ?? TEST_TOPIC_ARN,
      Message: 'You have chosen to subscribe to the topic. To confirm, visit the SubscribeURL.',
      Token: 'token-2336412f37',
      SubscribeURL: args.subscribeUrl ?? `${baseUrl}/confirm?Action=ConfirmSubscription&Token=token-2336412f37`,
      Timestamp: now()
    }, certUrl, '1'),
    close: async () => { await server.close() }
  })
}
