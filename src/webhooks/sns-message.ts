import { Type, type Static } from 'typebox'
import { Compile } from 'typebox/compile'

/** The SNS HTTP(S) envelope (reference/bynder-api.md, "Webhooks"). `Message` is a JSON *string*. */
export const SnsMessageSchema = Type.Object({
  Type: Type.Union([Type.Literal('Notification'), Type.Literal('SubscriptionConfirmation'), Type.Literal('UnsubscribeConfirmation')]),
  MessageId: Type.String({ minLength: 1, maxLength: 200 }),
  TopicArn: Type.String({ minLength: 1 }),
  Subject: Type.Optional(Type.String()),
  Message: Type.String(),
  Timestamp: Type.String({ minLength: 1 }),
  SignatureVersion: Type.String(),
  Signature: Type.String({ minLength: 1 }),
  SigningCertURL: Type.String({ minLength: 1 }),
  SubscribeURL: Type.Optional(Type.String()),
  Token: Type.Optional(Type.String()),
  UnsubscribeURL: Type.Optional(Type.String())
})

/** Compiled once rather than interpreted per delivery. */
export const SnsMessageCheck = Compile(SnsMessageSchema)

export type SnsMessage = Static<typeof SnsMessageSchema>

const NOTIFICATION_KEYS = ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'] as const
const CONFIRMATION_KEYS = ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'] as const

/**
 * AWS's canonical string: `Key\nvalue\n` for each key in this order; for notifications
 * `Subject` only when present. A confirmation missing SubscribeURL or Token cannot be signed
 * correctly, so it is reported as malformed (null) rather than verified against a guess.
 */
export function snsStringToSign (message: SnsMessage): string | null {
  const keys = message.Type === 'Notification' ? NOTIFICATION_KEYS : CONFIRMATION_KEYS
  let text = ''
  for (const key of keys) {
    const value = message[key]
    if (value === undefined) {
      if (key === 'Subject') continue
      return null
    }
    text += `${key}\n${value}\n`
  }
  return text
}
