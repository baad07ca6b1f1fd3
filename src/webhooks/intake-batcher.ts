import type { IncomingEvent, IntakeOutcome } from '../store/store.js'

export interface IntakeBatcher {
  /** Resolves with this request's outcomes once they are committed; rejects when they are not. */
  submit: (events: IncomingEvent[]) => Promise<IntakeOutcome[]>
}

interface Waiting { events: IncomingEvent[], resolve: (outcomes: IntakeOutcome[]) => void, reject: (error: unknown) => void }

/**
 * Group commit in front of `store.intake` (atomic, all or none): the deliveries that arrive
 * together — those read in one turn of the event loop, and those that arrive while a commit
 * is in flight — are committed as one transaction, and each request is answered only after
 * the commit that holds its events. One commit per delivery was the largest cost of intake
 * (issue 14). Dedup and coalescing are the store's, in arrival order, so a duplicate within
 * a batch is recorded once. When a batch fails, each request is retried alone, so one event
 * the store refuses fails only its own request; a store that is down fails them all.
 */
export function createIntakeBatcher (intake: (events: IncomingEvent[]) => Promise<IntakeOutcome[]>, maxEvents = 500): IntakeBatcher {
  const queue: Waiting[] = []
  let committing = false

  async function commit (batch: Waiting[]): Promise<void> {
    try {
      const outcomes = await intake(batch.flatMap((waiting) => waiting.events))
      let at = 0
      for (const waiting of batch) {
        waiting.resolve(outcomes.slice(at, at + waiting.events.length))
        at += waiting.events.length
      }
    } catch (error) {
      if (batch.length === 1) { batch[0]!.reject(error); return }
      for (const waiting of batch) await intake(waiting.events).then(waiting.resolve, waiting.reject)
    }
  }

  async function drain (): Promise<void> {
    committing = true
    try {
      while (queue.length > 0) {
        let events = 0
        const over = queue.findIndex((waiting) => (events += waiting.events.length) > maxEvents)
        const batch = queue.splice(0, over === -1 ? queue.length : Math.max(over, 1))
        await commit(batch)
      }
    } finally {
      committing = false
    }
  }

  return {
    submit (events) {
      return new Promise((resolve, reject) => {
        queue.push({ events, resolve, reject })
        // setImmediate runs after this turn's I/O: every delivery read in it joins the batch.
        if (queue.length === 1 && !committing) setImmediate(() => { void drain() })
      })
    }
  }
}
