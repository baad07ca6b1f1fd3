import type { AkeneoClient } from '../clients/akeneo/index.js'
import type { Asset, BynderClient } from '../clients/bynder/index.js'
import type { Mapping } from '../config/mapping-schema.js'
import type { LinkRecord } from '../store/link-registry.js'
import type { Store } from '../store/store.js'
import { diffLinks, targetKey, type LinkAction } from '../sync/link-diff.js'
import { attributesToLookUp, linkKey, planLinks, PROBLEM_KIND, type DesiredLink, type LinkTarget, type PlanProblem } from '../sync/link-planner.js'
import { writeMediaLink } from '../sync/writers/media-writer.js'
import { patchValue } from '../sync/writers/value-writer.js'
import { settle, type Counts } from './link-outcome.js'
import { readTargets, type ReadTarget } from './link-targets.js'

export interface LinkDeps {
  akeneo: AkeneoClient
  bynder: (credentialCode?: string) => BynderClient
  store: Store
  mapping: Mapping
  now?: () => number
}

export const DELETED_SUBJECT = 'asset_bank.media.deleted'

/**
 * Brings one asset's links in Akeneo in line with the asset: read it (not when it was
 * deleted), plan, read every target, diff against the registry and Akeneo's values, write
 * the difference, record it. Returns a one-line outcome for the task.
 */
export async function syncAssetLinks (deps: LinkDeps, credentialCode: string, assetId: string, options: { deleted?: boolean } = {}): Promise<string> {
  const now = deps.now ?? Date.now
  const bynder = deps.bynder(credentialCode)
  const registered = await deps.store.links.forAsset(credentialCode, assetId)
  const asset = options.deleted === true ? null : await bynder.getAsset(assetId)
  let desired: DesiredLink[] = []
  let problems: PlanProblem[] = []
  if (asset !== null) {
    const attributes = await deps.akeneo.getAttributes(attributesToLookUp(asset, deps.mapping))
    ;({ links: desired, problems } = planLinks(asset, deps.mapping, attributes))
  }
  const blocking = problems.filter((problem) => PROBLEM_KIND[problem.code] !== 'info')
  const targets = await readTargets(deps.akeneo, [
    ...desired.map((link) => link.target),
    ...registered.map((row): LinkTarget => ({ type: row.targetType, code: row.targetCode }))
  ])
  const actions = diffLinks({
    assetDateModified: asset?.dateModified ?? null,
    desired,
    registered,
    targets: new Map([...targets].map(([key, read]) => [key, read.state]))
  // A plan with problems is incomplete: unlinking what it misses could undo what the fix restores.
  }).filter((action) => blocking.length === 0 || action.kind === 'write' || action.kind === 'wait' || action.kind === 'skip')

  const counts: Counts = { written: 0, waiting: 0, unchanged: 0, unlinked: 0, forgotten: 0 }
  const failures: unknown[] = []
  for (const action of actions) {
    try {
      await apply(deps, { credentialCode, assetId, asset, bynder, targets, now, counts }, action)
    } catch (error) {
      failures.push(error)
    }
  }
  const summary = `asset ${assetId}${asset === null ? ' (deleted)' : ''}: ${counts.written} written, ${counts.waiting} waiting, ` +
    `${counts.unchanged} unchanged, ${counts.unlinked} unlinked, ${counts.forgotten} forgotten`
  return settle(summary, failures, problems, counts)
}

interface ApplyContext {
  credentialCode: string
  assetId: string
  asset: Asset | null
  bynder: BynderClient
  targets: Map<string, ReadTarget>
  now: () => number
  counts: Counts
}

async function apply (deps: LinkDeps, ctx: ApplyContext, action: LinkAction): Promise<void> {
  const { store, akeneo } = deps
  if (action.kind === 'skip') { ctx.counts.unchanged++; return }
  if (action.kind === 'forget') {
    await store.links.remove(ctx.credentialCode, ctx.assetId, action.row.slotKey)
    ctx.counts.forgotten++
    return
  }
  if (action.kind === 'unlink') {
    const read = ctx.targets.get(targetKey(action.row))
    if (read?.entityId == null) return
    await patchValue(akeneo, { ...action.row, entityId: read.entityId }, null)
    await store.links.remove(ctx.credentialCode, ctx.assetId, action.row.slotKey)
    ctx.counts.unlinked++
    return
  }
  const { link } = action
  const asset = ctx.asset!
  const read = ctx.targets.get(targetKey(link.target))
  let value: string | null = null
  if (action.kind === 'write') {
    if (link.write === 'media_file') value = await writeMediaLink({ akeneo, bynder: ctx.bynder }, asset, link)
    else {
      await patchValue(akeneo, { targetType: link.target.type, entityId: read!.entityId!, attribute: link.attribute, locale: link.locale, scope: link.scope }, link.url)
      value = link.url
    }
    ctx.counts.written++
  } else {
    ctx.counts.waiting++
  }
  await store.links.save(record(ctx, link, read?.entityId ?? null, action.kind === 'write' ? 'linked' : 'waiting', value))
}

function record (ctx: ApplyContext, link: DesiredLink, entityId: string | null, status: LinkRecord['status'], value: string | null): LinkRecord {
  const asset = ctx.asset!
  return {
    credentialCode: ctx.credentialCode,
    assetId: asset.id,
    assetName: asset.name,
    assetDateModified: asset.dateModified,
    targetType: link.target.type,
    targetCode: link.target.code,
    productUuid: link.target.type === 'product' ? entityId : null,
    attribute: link.attribute,
    locale: link.locale,
    scope: link.scope,
    slotKey: linkKey(link),
    source: link.source,
    writeKind: link.write,
    status,
    value,
    updatedAt: ctx.now()
  }
}
