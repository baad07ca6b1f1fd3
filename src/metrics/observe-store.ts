import type { LinkRegistry } from '../store/link-registry.js'
import type { Store } from '../store/store.js'
import type { Metrics } from './metrics.js'

/**
 * The store with deliveries and link changes counted on their way in. Counting here rather
 * than in each route and handler catches every path (webhooks, SNS controls, replays, unlinks
 * of deleted products) and keeps metrics out of the sync code. Everything else passes through.
 */
export function observeStore (store: Store, metrics: Pick<Metrics, 'intake' | 'link'>): Store {
  const links: LinkRegistry = new Proxy(store.links, {
    get (target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver)
      if (typeof value !== 'function') return value
      if (property === 'save') {
        return async (record: Parameters<LinkRegistry['save']>[0]) => {
          await target.save(record)
          metrics.link(record.status === 'linked' ? 'written' : 'waiting')
        }
      }
      if (property === 'remove') {
        return async (...args: Parameters<LinkRegistry['remove']>) => {
          await target.remove(...args)
          metrics.link('removed')
        }
      }
      if (property === 'removeTarget') {
        return async (...args: Parameters<LinkRegistry['removeTarget']>) => {
          const removed = await target.removeTarget(...args)
          metrics.link('removed', removed)
          return removed
        }
      }
      return (value as (...args: unknown[]) => unknown).bind(target)
    }
  })
  return new Proxy(store, {
    get (target, property, receiver) {
      if (property === 'links') return links
      const value: unknown = Reflect.get(target, property, receiver)
      if (typeof value !== 'function') return value
      if (property === 'intake') {
        return async (events: Parameters<Store['intake']>[0]) => {
          const outcomes = await target.intake(events)
          metrics.intake(events, outcomes)
          return outcomes
        }
      }
      return (value as (...args: unknown[]) => unknown).bind(target)
    }
  })
}
