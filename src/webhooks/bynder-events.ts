import type { IncomingEvent } from '../store/store.js'
import { assetTaskKey } from '../task-keys.js'
import type { SnsMessage } from './sns-message.js'

/**
 * Subjects that name an asset whose links may have changed (reference: event names, including
 * the older `upload`/`uploaded`). Each becomes an `asset` task; the handler reads the asset
 * and decides — archived and deleted included.
 */
export const ASSET_SUBJECTS: ReadonlySet<string> = new Set([
  'asset_bank.media.create',
  'asset_bank.media.updated',
  'asset_bank.media.meta_updated',
  'asset_bank.media.archived',
  'asset_bank.media.pre_archived',
  'asset_bank.media.deleted',
  'asset_bank.media.upload',
  'asset_bank.media.uploaded'
])

function mediaIdOf (message: string): string | null {
  try {
    const parsed: unknown = JSON.parse(message)
    if (typeof parsed !== 'object' || parsed === null) return null
    const id = (parsed as Record<string, unknown>).media_id
    return typeof id === 'string' && id !== '' && id.length <= 200 ? id : null
  } catch {
    return null
  }
}

/**
 * An SNS Notification as an inbox event: a task keyed by credential + `media_id`, due
 * `fetchDelayMs` after receipt (Bynder advises 3–5 s before reading the asset). A verified
 * message with an unknown subject or without a media id is recorded as ignored rather than
 * refused: SNS would only redeliver the same bytes.
 */
export function bynderNotificationEvent (message: SnsMessage, credentialCode: string, receivedAt: number, fetchDelayMs: number): IncomingEvent {
  const subject = message.Subject ?? ''
  const base = { source: 'bynder' as const, sourceEventId: message.MessageId, type: subject || '(no subject)', receivedAt }
  if (!ASSET_SUBJECTS.has(subject)) return { ...base, ignoredReason: 'subject not handled' }
  const mediaId = mediaIdOf(message.Message)
  if (mediaId === null) return { ...base, ignoredReason: 'Message has no media_id' }
  return {
    ...base,
    task: {
      kind: 'asset',
      entityKey: assetTaskKey(credentialCode, mediaId),
      entityId: mediaId,
      credentialCode,
      reason: subject,
      dueAt: receivedAt + fetchDelayMs
    }
  }
}

/** Confirmations are kept as ignored events so operators see subscriptions come and go. */
export function bynderControlEvent (message: SnsMessage, receivedAt: number, note: string): IncomingEvent {
  return { source: 'bynder', sourceEventId: message.MessageId, type: message.Type, receivedAt, ignoredReason: note }
}
