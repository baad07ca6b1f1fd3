import type { AkeneoClient } from '../clients/akeneo/index.js'
import { targetKey, type TargetState } from '../sync/link-diff.js'
import type { LinkTarget } from '../sync/link-plan-types.js'
import type { Store } from '../store/store.js'
import { lookUpUuidLater } from './product-uuids.js'

export interface ReadTarget {
  state: TargetState
  /**
   * Product uuid (PATCH address) or product model code; null when the target is missing, or
   * when it is assumed (below) and its uuid not known yet.
   */
  entityId: string | null
  /** EE's `metadata.workflow_status` for the connection's user; null on CE (no such rights). */
  workflowStatus: string | null
  /**
   * Not read: assumed to exist (the upload's own answer says when it does not), values
   * unknown. Only for targets whose values cannot change the diff, on a PIM known to be CE.
   */
  assumed?: true
}

/**
 * Whether this Akeneo showed EE's `metadata.workflow_status` on a read (EE shows it on every
 * product and model, CE on none). Unknown until the first read of this process: read then.
 */
const showsWorkflowStatus = new WeakMap<AkeneoClient, boolean>()

function learn (akeneo: AkeneoClient, workflowStatus: string | null): void {
  if (showsWorkflowStatus.get(akeneo) !== true) showsWorkflowStatus.set(akeneo, workflowStatus !== null)
}

/** CE for certain: EE needs every target's workflow status before a write (draft-guard.ts). */
export const knownCommunityEdition = (akeneo: AkeneoClient): boolean => showsWorkflowStatus.get(akeneo) === false

/** A target left unread: `entityId` is the uuid the registry holds for the product (null: looked up later), or the model's code. */
export const assumedTarget = (entityId: string | null): ReadTarget => ({ state: { values: {} }, entityId, workflowStatus: null, assumed: true })

/**
 * Reads every product (by identifier: the upload addresses products that way) and product
 * model once, so the diff sees Akeneo's current values. Missing = null: never written to,
 * because a PATCH on an unknown entity would create it.
 */
export async function readTargets (akeneo: AkeneoClient, targets: Iterable<LinkTarget>): Promise<Map<string, ReadTarget>> {
  const unique = new Map<string, LinkTarget>()
  for (const target of targets) unique.set(targetKey(target), target)
  const read = new Map<string, ReadTarget>()
  await Promise.all([...unique].map(async ([key, target]) => {
    const entity = target.type === 'product'
      ? await akeneo.getProductByIdentifier(target.code).then((product) => product === null ? null : { ...product, id: product.uuid })
      : await akeneo.getProductModel(target.code).then((model) => model === null ? null : { ...model, id: model.code })
    if (entity === null) { read.set(key, { state: null, entityId: null, workflowStatus: null }); return }
    const workflowStatus = entity.metadata?.workflow_status ?? null
    learn(akeneo, workflowStatus)
    read.set(key, { state: { values: entity.values }, entityId: entity.id, workflowStatus })
  }))
  return read
}

/**
 * `readTargets` for writes that address products by uuid (asset collections): several products
 * are read in one search (`IN`, ≤ 100 a call) and several models in another. A target the
 * search does not show is read on its own (missing: null), so an identifier the search cannot
 * match costs a read, never a wrong write.
 */
export async function readTargetsBatched (akeneo: AkeneoClient, targets: Iterable<LinkTarget>): Promise<Map<string, ReadTarget>> {
  const unique = new Map<string, LinkTarget>()
  for (const target of targets) unique.set(targetKey(target), target)
  const codes = (type: LinkTarget['type']): string[] => [...unique.values()].filter((t) => t.type === type).map((t) => t.code)
  const read = new Map<string, ReadTarget>()
  const found = (type: LinkTarget['type'], code: unknown, entity: { id: string, values: NonNullable<TargetState>['values'], metadata?: { workflow_status?: string } }): void => {
    const key = targetKey({ type, code: String(code) })
    if (typeof code !== 'string' || !unique.has(key)) return
    const workflowStatus = entity.metadata?.workflow_status ?? null
    learn(akeneo, workflowStatus)
    read.set(key, { state: { values: entity.values }, entityId: entity.id, workflowStatus })
  }
  const products = codes('product')
  const models = codes('product_model')
  await Promise.all([
    (async () => {
      if (products.length < 2) return
      // The uuid list shows the identifier as a value (`sku`, as product-uuids.ts reads it) where it has no `identifier` field.
      for await (const p of akeneo.searchProducts({ identifiers: products })) found('product', p.identifier ?? p.values.sku?.[0]?.data, { ...p, id: p.uuid })
    })(),
    (async () => {
      if (models.length < 2) return
      for await (const m of akeneo.searchProductModels({ identifiers: models })) found('product_model', m.code, { ...m, id: m.code })
    })()
  ])
  const rest = [...unique.values()].filter((t) => !read.has(targetKey(t)))
  for (const [key, target] of await readTargets(akeneo, rest)) read.set(key, target)
  return read
}

/**
 * Fills `targets` with what the diff needs: every target read once, except — on a PIM known
 * to be CE, outside a dry run — those whose values cannot change the diff (`matter` lacks
 * them): a model by its code, a product by the uuid the registry holds — or, for the first
 * link into it, by its identifier alone (the upload's address), its uuid, which deletion
 * events name, looked up afterwards together with other first links' (product-uuids.ts).
 * Every new link costs its upload only; values are never assumed where they matter.
 */
export async function readTargetsNeeded (deps: { akeneo: AkeneoClient, store: Store }, targets: Map<string, ReadTarget>,
  wanted: readonly LinkTarget[], matter: ReadonlySet<string> | null): Promise<void> {
  // Tasks that start together wait for the first read's answer instead of each reading to learn the edition.
  const probe = probes.get(deps.akeneo)
  if (matter !== null && probe !== undefined && !showsWorkflowStatus.has(deps.akeneo)) await probe.catch(() => undefined)
  const community = matter !== null && knownCommunityEdition(deps.akeneo)
  const toRead = new Map<string, LinkTarget>()
  for (const target of wanted) {
    const key = targetKey(target)
    const known = targets.get(key)
    if (toRead.has(key) || (known !== undefined && (known.assumed !== true || !(matter?.has(key) ?? true)))) continue
    if (community && !matter.has(key)) {
      const entityId = target.type === 'product_model' ? target.code : await registeredUuid(deps.store, target.code)
      if (entityId === null) lookUpUuidLater(deps, target.code)
      targets.set(key, assumedTarget(entityId))
      continue
    }
    toRead.set(key, target)
  }
  const reading = readTargets(deps.akeneo, toRead.values())
  if (toRead.size > 0 && !showsWorkflowStatus.has(deps.akeneo)) probes.set(deps.akeneo, reading.then(() => undefined))
  for (const [key, read] of await reading) targets.set(key, read)
}

const probes = new WeakMap<AkeneoClient, Promise<void>>()

async function registeredUuid (store: Store, identifier: string): Promise<string | null> {
  return (await store.links.forTarget('product', identifier)).find((row) => row.productUuid !== null)?.productUuid ?? null
}
