import type { Task } from '../store/store.js'
import type { HandlerContext, TaskHandler } from '../worker/handlers.js'
import { syncAssetLinks, type LinkDeps } from './asset-handler.js'

/**
 * One step of the product handler; issue 5 (enrichment) adds its own step next to
 * `linkWaitingAssets` rather than growing one function.
 */
export type ProductStep = (entity: { type: 'product' | 'product_model', code: string }, context: HandlerContext) => Promise<string | null>

/** The product identifier: the identifier endpoints carry it; the uuid ones only as a value. */
function identifierOf (product: { identifier?: string | null, values: Record<string, Array<{ data: unknown }>> }, attribute: string): string | null {
  if (typeof product.identifier === 'string' && product.identifier !== '') return product.identifier
  const data = product.values[attribute]?.[0]?.data
  return typeof data === 'string' && data !== '' ? data : null
}

/** Links recorded as waiting for this product/model (it did not exist when the asset was handled). */
export function linkWaitingAssets (deps: LinkDeps): ProductStep {
  return async (entity) => {
    const waiting = await deps.store.links.waitingFor(entity.type, entity.code)
    const assets = new Map(waiting.map((row) => [`${row.credentialCode}\n${row.assetId}`, row]))
    const notes: string[] = []
    // The whole asset is re-synced (current state, not the waiting row): it may have changed since.
    for (const row of assets.values()) notes.push(await syncAssetLinks(deps, row.credentialCode, row.assetId))
    return notes.length === 0 ? null : notes.join(' | ')
  }
}

/**
 * `product:<uuid>` / `product_model:<code>` tasks: read the entity (a deleted one has nothing
 * waiting to link), then run each step. Events authored by this service never get here
 * (intake drops them), so our own uploads do not loop back.
 */
export function productHandler (deps: LinkDeps, steps: ProductStep[], identifierAttribute = 'sku'): TaskHandler {
  return async (task: Task, context) => {
    let code: string
    if (task.kind === 'product') {
      const product = await deps.akeneo.getProduct(task.entityId)
      if (product === null) return `product ${task.entityId} does not exist: nothing to do`
      const identifier = identifierOf(product, identifierAttribute)
      if (identifier === null) return `product ${task.entityId} has no identifier: assets cannot name it`
      code = identifier
    } else {
      const model = await deps.akeneo.getProductModel(task.entityId)
      if (model === null) return `product model ${task.entityId} does not exist: nothing to do`
      code = model.code
    }
    const entity = { type: task.kind === 'product' ? 'product' as const : 'product_model' as const, code }
    const notes: string[] = []
    for (const step of steps) {
      const note = await step(entity, context)
      if (note !== null) notes.push(note)
    }
    return notes.length === 0 ? `${entity.type} ${code}: nothing waiting` : `${entity.type} ${code}: ${notes.join('; ')}`
  }
}
