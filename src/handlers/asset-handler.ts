import type { AkeneoClient } from '../clients/akeneo/index.js'
import { sanitizeOptionName, type Asset, type BynderClient, type MetapropertyIndex } from '../clients/bynder/index.js'
import type { Mapping } from '../config/mapping-schema.js'
import type { LinkRecord } from '../store/link-registry.js'
import type { Store } from '../store/store.js'
import { diffLinks, targetKey, targetsWhoseValuesMatter, type LinkAction } from '../sync/link-diff.js'
import type { AttributeLookup, LinkPlan } from '../sync/link-plan-types.js'
import { asLookupFunction, attributesToLookUp, linkKey, planLinks, PROBLEM_KIND, targetsOf, type DesiredLink, type LinkTarget, type PlanProblem } from '../sync/link-planner.js'
import { writeMediaLink } from './writers/media-writer.js'
import type { PlannedWrite } from '../sync/planned-write.js'
import { patchValue } from './writers/value-writer.js'
import { confirmApplied, refuseUnowned } from './draft-guard.js'
import { earlierUpload } from './earlier-upload.js'
import { settle, type Counts } from './link-outcome.js'
import { readWithOwnWrites } from './own-writes.js'
import { readTargets, readTargetsNeeded, type ReadTarget } from './link-targets.js'
import { UpstreamError } from '../clients/upstream-error.js'
import { planCollectionLinks, type CollectionLink } from '../sync/collection-links.js'
import { syncAssetCollections } from './asset-collection-sync.js'

export interface LinkDeps {
  akeneo: AkeneoClient
  bynder: (credentialCode?: string) => BynderClient
  store: Store
  mapping: Mapping
  now?: () => number
}

export const DELETED_SUBJECT = 'asset_bank.media.deleted'

export interface SyncAssetOptions {
  /** The asset cannot be read any more: unlink everything registered for it. */
  deleted?: boolean
  /** The asset as a list page showed it (a replay): planned from it, not read again. */
  listed?: Asset
  /** Collect the writes instead of making them (and record nothing). */
  dryRun?: PlannedWrite[]
  /** An earlier attempt of this task may have written before it died: uploads check first. */
  retry?: boolean
  /** Aborted when the worker lost the task's lease: no further write is made. */
  signal?: AbortSignal
}

/**
 * Bynder names options after the text with symbols turned into `_` and keeps the text as the
 * label: an option `SKU_1001` labelled `SKU-1001` names the product `SKU-1001`.
 */
export function withIdentifierLabels (asset: Asset, mapping: LinkDeps['mapping'], metaproperties: MetapropertyIndex): Asset {
  const { product_identifier: products, product_model_code: models } = mapping.metaproperty_mappings
  let properties: Asset['properties'] | undefined
  for (const name of [products, models]) {
    const values = name === undefined ? undefined : asset.properties[name]
    const mp = name === undefined ? undefined : metaproperties.byName.get(name)
    if (values === undefined || mp === undefined || name === undefined) continue
    const translated = values.map((value) => {
      const label = mp.optionsByName.get(value)?.label
      return label !== undefined && label !== value && sanitizeOptionName(label) === value ? label : value
    })
    if (translated.some((value, index) => value !== values[index])) properties = { ...(properties ?? asset.properties), [name]: translated }
  }
  return properties === undefined ? asset : { ...asset, properties }
}

/**
 * The planning step of an asset (shared with the replay's settled check): the identifier
 * labels from the metaproperties, the attribute metadata the plan names, then the plan.
 */
export async function planAssetLinks (asset: Asset, mapping: LinkDeps['mapping'], bynder: BynderClient,
  attributesFor: (codes: string[]) => Promise<AttributeLookup>): Promise<LinkPlan & { collections: CollectionLink[] }> {
  const planned = withIdentifierLabels(asset, mapping, await bynder.getMetaproperties())
  const attributes = await attributesFor(attributesToLookUp(planned, mapping))
  const plan = planLinks(planned, mapping, attributes)
  const collections = planCollectionLinks(planned, mapping, asLookupFunction(attributes), targetsOf(planned, mapping))
  return { links: plan.links, problems: [...plan.problems, ...collections.problems], collections: collections.links }
}

/**
 * Brings one asset's links in Akeneo in line with the asset: read it (not when it was
 * deleted or a list page already showed it), plan, read every target, diff against the
 * registry and Akeneo's values, write the difference, record it. Returns a one-line outcome.
 */
export async function syncAssetLinks (deps: LinkDeps, credentialCode: string, assetId: string, options: SyncAssetOptions = {}): Promise<string> {
  const now = deps.now ?? Date.now
  const bynder = deps.bynder(credentialCode)
  const registered = await deps.store.links.forAsset(credentialCode, assetId)
  // A read may predate this service's own last post (Bynder applies posts late): overlay the
  // write log, so the meta_updated echo of our write does not unlink what the write names.
  const read = async (got: Asset | null): Promise<Asset | null> =>
    got === null ? null : await readWithOwnWrites(deps.store, credentialCode, got, bynder, now())
  let asset = options.deleted === true ? null : await read(options.listed ?? await bynder.getAsset(assetId, { withFileFingerprint: true }))
  let desired: DesiredLink[] = []
  let problems: PlanProblem[] = []
  let collectionLinks: CollectionLink[] = []
  if (asset !== null) {
    ;({ links: desired, problems, collections: collectionLinks } = await planAssetLinks(asset, deps.mapping, bynder, async (codes) => await deps.akeneo.getAttributes(codes)))
  }
  const blocking = problems.filter((problem) => PROBLEM_KIND[problem.code] !== 'info')
  const targets = new Map<string, ReadTarget>()
  const wanted = [...desired.map((link) => link.target), ...registered.map((row): LinkTarget => ({ type: row.targetType, code: row.targetCode }))]
  const readWhatMatters = async (): Promise<void> => {
    const matter = targetsWhoseValuesMatter({ assetDateModified: asset?.dateModified ?? null, assetFingerprint: asset?.fileFingerprint, desired, registered })
    await readTargetsNeeded(deps, targets, wanted, options.dryRun === undefined ? matter : null)
  }
  await readWhatMatters()
  const diff = (): LinkAction[] => diffLinks({
    assetDateModified: asset?.dateModified ?? null,
    assetFingerprint: asset?.fileFingerprint,
    desired,
    registered,
    targets: new Map([...targets].map(([key, read]) => [key, read.state]))
  // A plan with problems is incomplete: unlinking what it misses could undo what the fix restores.
  }).filter((action) => blocking.length === 0 || action.kind === 'write' || action.kind === 'wait' || action.kind === 'skip')
  let actions = diff()
  // A listed asset carries no file fingerprint: before uploading a file again only because
  // dateModified moved, read the asset once to tell a metadata edit from a new version.
  if (asset !== null && asset.fileFingerprint === undefined && actions.some((action) => refreshesMedia(action, registered))) {
    asset = await read(await bynder.getAsset(assetId, { withFileFingerprint: true }))
    // The same file may now be in place: those slots' values matter after all.
    if (asset !== null) { await readWhatMatters(); actions = diff() }
  }

  const counts: Counts = { written: 0, waiting: 0, unchanged: 0, unlinked: 0, forgotten: 0 }
  const failures: unknown[] = []
  for (const action of actions) {
    options.signal?.throwIfAborted()
    try {
      await apply(deps, { credentialCode, assetId, asset, bynder, targets, now, counts, dryRun: options.dryRun, retry: options.retry === true }, action)
    } catch (error) {
      failures.push(error)
    }
  }
  const collections = await syncAssetCollections(deps, {
    credentialCode, assetId, asset, bynder, desired: collectionLinks, keepUnplanned: blocking.length > 0, dryRun: options.dryRun, now
  }).catch((error: unknown) => { failures.push(error); return null })
  if (collections !== null) {
    counts.written += collections.written
    counts.unchanged += collections.unchanged
    counts.unlinked += collections.unlinked
    counts.waiting += collections.waiting
    failures.push(...collections.failures)
  }
  // Every linked row left is this version's now (skipped as the same file, or just written):
  // a later replay listing this dateModified then knows the asset is settled without a call.
  if (asset !== null && failures.length === 0 && options.dryRun === undefined) {
    await deps.store.links.markVerified(credentialCode, assetId, asset.dateModified, now())
  }
  const summary = `asset ${assetId}${asset === null ? ' (deleted)' : ''}: ${counts.written} written, ${counts.waiting} waiting, ` +
    `${counts.unchanged} unchanged, ${counts.unlinked} unlinked, ${counts.forgotten} forgotten`
  // Asset values left out are notes on the task, as plan problems are: the links were made.
  + (collections === null || collections.notes.length === 0 ? '' : `; ${collections.notes.join('; ')}`)
  return settle(summary, failures, problems, counts)
}

const refused = (error: unknown): boolean =>
  error instanceof UpstreamError && error.status !== undefined && error.status >= 400 && error.status < 500 && error.status !== 429

/** A media link written again while the same file may still be in place. */
function refreshesMedia (action: LinkAction, registered: readonly LinkRecord[]): boolean {
  if (action.kind !== 'write' || action.link.write !== 'media_file') return false
  const key = linkKey(action.link)
  return registered.some((row) => row.slotKey === key && row.status === 'linked' && row.fileFingerprint !== null && row.source === action.link.source)
}

interface ApplyContext {
  credentialCode: string
  assetId: string
  asset: Asset | null
  bynder: BynderClient
  targets: Map<string, ReadTarget>
  now: () => number
  counts: Counts
  dryRun: PlannedWrite[] | undefined
  retry: boolean
}

function plannedWrite (ctx: ApplyContext, action: LinkAction): PlannedWrite | null {
  if (action.kind === 'write') {
    const { link } = action
    return {
      system: 'akeneo',
      operation: link.write === 'media_file' ? 'upload' : 'patch',
      entity: `${link.target.type} ${link.target.code}`,
      detail: `${link.attribute}${link.locale === null ? '' : ` [${link.locale}]`}${link.scope === null ? '' : ` <${link.scope}>`} ← asset ${ctx.assetId} (${link.write === 'url' ? link.url ?? '' : link.source})`
    }
  }
  if (action.kind === 'unlink') {
    return { system: 'akeneo', operation: 'unlink', entity: `${action.row.targetType} ${action.row.targetCode}`, detail: `${action.row.attribute} (asset ${ctx.assetId})` }
  }
  return null
}

async function apply (deps: LinkDeps, ctx: ApplyContext, action: LinkAction): Promise<void> {
  const { store, akeneo } = deps
  if (action.kind === 'skip') { ctx.counts.unchanged++; return }
  if (ctx.dryRun !== undefined) {
    const planned = plannedWrite(ctx, action)
    if (planned !== null) ctx.dryRun.push(planned)
    const counter = ({ write: 'written', wait: 'waiting', unlink: 'unlinked', forget: 'forgotten' } as const)[action.kind]
    ctx.counts[counter]++
    return
  }
  if (action.kind === 'forget') {
    await store.links.remove(ctx.credentialCode, ctx.assetId, action.row.slotKey)
    ctx.counts.forgotten++
    return
  }
  if (action.kind === 'unlink') {
    const read = ctx.targets.get(targetKey(action.row))
    if (read?.entityId == null) return
    refuseUnowned({ type: action.row.targetType, code: action.row.targetCode }, read)
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
    refuseUnowned(link.target, read)
    if (link.write === 'media_file') {
      try {
        value = (ctx.retry ? await earlierUpload({ akeneo, bynder: ctx.bynder }, asset, link) : null) ?? await writeMediaLink({ akeneo, bynder: ctx.bynder }, asset, link)
      } catch (error) {
        // An unread target may be gone (the emulator and CE's MediaFileController answer 422 "does not
        // exist"; any other refusal is read to tell as well): then the link waits, as after a read.
        if (read?.assumed !== true || !refused(error)) throw error
        if ((await readTargets(akeneo, [link.target])).get(targetKey(link.target))?.state !== null) throw error
        ctx.counts.waiting++
        await store.links.save(record(ctx, link, null, 'waiting', null))
        return
      }
    } else {
      await patchValue(akeneo, { targetType: link.target.type, entityId: read!.entityId!, attribute: link.attribute, locale: link.locale, scope: link.scope }, link.url)
      value = link.url
    }
    await confirmApplied({ akeneo, links: store.links }, link.target, read, link, value ?? '')
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
    fileFingerprint: link.write === 'media_file' && status === 'linked' ? asset.fileFingerprint ?? null : null,
    updatedAt: ctx.now()
  }
}
