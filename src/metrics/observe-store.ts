import type { LinkRegistry } from '../store/link-registry.js'
import type { Store } from '../store/store.js'
import type { Metrics } from './metrics.js'

/**
 * The store with deliveries and link changes counted on their way in. Counting here rather
 * than in each route and handler catches every path (webhooks, SNS controls, replays, unlinks
 * of deleted products) and keeps metrics out of the sync code. Everything else passes through.
 * Plain objects with the inner methods captured once: a test that swaps one method out
 * (`store.links.save = …`) wraps the counted one instead of recursing into itself.
 */
export function observeStore (store: Store, metrics: Pick<Metrics, 'intake' | 'link'>): Store {
  const inner = store.links
  const links: LinkRegistry = {
    ...inner,
    save: async (record) => {
      await inner.save(record)
      metrics.link(record.status === 'linked' ? 'written' : 'waiting')
    },
    remove: async (...args) => {
      await inner.remove(...args)
      metrics.link('removed')
    },
    removeTarget: async (...args) => {
      const removed = await inner.removeTarget(...args)
      metrics.link('removed', removed)
      return removed
    }
  }
  return {
    ...store,
    links,
    intake: async (events) => {
      const outcomes = await store.intake(events)
      metrics.intake(events, outcomes)
      return outcomes
    }
  }
}
