import type { AkeneoAssetFamily } from '../clients/akeneo/index.js'
import type { Asset, BynderClient } from '../clients/bynder/index.js'
import { UpstreamError } from '../clients/upstream-error.js'
import type { AkeneoAssetRecord } from '../store/collection-registry.js'
import { ASSET_VALUE_PROBLEM_KIND, type AssetFamilyMeta, type AssetValues } from '../sync/asset-family-types.js'
import { planAssetValues } from '../sync/asset-values-planner.js'
import type { PlannedWrite } from '../sync/planned-write.js'
import { NonRetryableError } from '../worker/task-errors.js'
import type { LinkDeps } from './asset-handler.js'
import { LinkNotReadyError } from './link-outcome.js'
import { fileNameFor } from './writers/media-writer.js'
import { sizedDownload } from './writers/sized-file.js'

export interface AssetContext {
  deps: LinkDeps
  credentialCode: string
  asset: Asset
  bynder: BynderClient
  dryRun: PlannedWrite[] | undefined
  now: () => number
}

/** The client's family as the value planner reads it. */
export function familyMeta (family: AkeneoAssetFamily): AssetFamilyMeta {
  return {
    code: family.code,
    attributeAsMainMedia: family.attributeAsMainMedia,
    attributes: new Map(family.attributes.map((a) => [a.code, {
      code: a.code, type: a.type, valuePerLocale: a.value_per_locale, valuePerChannel: a.value_per_channel, prefix: a.prefix ?? null, suffix: a.suffix ?? null
    }]))
  }
}

/** The media file already holding this version of the file: recorded by us, still the asset's value. */
function reusableMediaFile (record: AkeneoAssetRecord | undefined, asset: Asset, mainValue: unknown): string | null {
  if (record?.mediaFileCode == null || asset.fileFingerprint === undefined || record.fileFingerprint !== asset.fileFingerprint) return null
  return mainValue === record.mediaFileCode ? record.mediaFileCode : null
}

/**
 * Makes the Akeneo asset of `asset` in `family` what the mapping says, writing only what
 * differs, in one upsert (a media_file family uploads its file first, then plans again with
 * the code, so the asset is still written once). Returns its code; throws when the asset
 * cannot be made (then nothing is linked into that family's collections); `problems` are
 * mapped attributes left out.
 */
export async function ensureAkeneoAsset (ctx: AssetContext, familyCode: string, records: readonly AkeneoAssetRecord[]): Promise<{ code: string, wrote: boolean, problems: string[] }> {
  const { akeneo, mapping, store } = ctx.deps
  const found = await akeneo.getAssetFamily(familyCode)
  if (found === null) throw new NonRetryableError(`asset ${ctx.asset.id}: asset family ${familyCode} does not exist in Akeneo (family codes are case-sensitive)`)
  const family = familyMeta(found)
  const record = records.find((r) => r.family === familyCode)
  const plan = async (mediaFileCode: string | null, current: Awaited<ReturnType<typeof akeneo.getAsset>>): Promise<ReturnType<typeof planAssetValues>> =>
    planAssetValues({ asset: ctx.asset, family, mapping, current: current?.values ?? null, mediaFileCode })
  const code = (await plan(null, null)).code
  if (code === undefined) throw new NonRetryableError(`asset ${ctx.asset.id}: its id cannot be turned into an Akeneo asset code`)
  // No record of this asset in any family: this service never made it (the record is saved
  // right after the upsert), so there is nothing to diff against and the read is skipped.
  // Only a crash between the upsert and the save, or a lost store, leaves an Akeneo asset
  // unrecorded: the upsert then writes every mapped value again (a PATCH merges), no harm.
  const current = records.length === 0 ? null : await akeneo.getAsset(familyCode, code)
  const main = family.attributeAsMainMedia === null ? undefined : current?.values[family.attributeAsMainMedia]?.find((v) => v.locale === null && v.channel === null)?.data
  let mediaFileCode = reusableMediaFile(record, ctx.asset, main)
  let planned = await plan(mediaFileCode, current)
  if (planned.upload !== null) {
    if (ctx.dryRun !== undefined) {
      ctx.dryRun.push({ system: 'akeneo', operation: 'upload', entity: `asset ${code}`, detail: `${familyCode}.${String(family.attributeAsMainMedia)} ← asset ${ctx.asset.id} (${planned.upload.source})` })
      mediaFileCode = '(uploaded)'
    } else {
      mediaFileCode = await uploadFile(ctx, planned.upload)
    }
    planned = await plan(mediaFileCode, current)
  }
  const problems = planned.problems
  let refusedValues: string[] = []
  if (problems.some((p) => ASSET_VALUE_PROBLEM_KIND[p.code] === 'transient')) throw new LinkNotReadyError(problems.map((p) => p.message).join('; '))
  const mainMissing = problems.find((p) => p.attribute === family.attributeAsMainMedia || p.code.startsWith('main_media'))
  if (mainMissing !== undefined) throw new NonRetryableError(mainMissing.message)
  if (planned.write) {
    if (ctx.dryRun !== undefined) {
      ctx.dryRun.push({ system: 'akeneo', operation: current === null ? 'create_asset' : 'update_asset', entity: `asset ${code}`, detail: `${familyCode}: ${Object.keys(planned.values).sort().join(', ')}` })
    } else {
      refusedValues = await upsert(ctx, familyCode, code, planned.values, current === null, family.attributeAsMainMedia)
    }
  }
  if (ctx.dryRun === undefined) {
    const media = mediaFileCode ?? record?.mediaFileCode ?? null
    await store.collections.saveAsset({
      credentialCode: ctx.credentialCode, assetId: ctx.asset.id, family: familyCode, assetCode: code,
      mediaFileCode: media, fileFingerprint: media === null ? null : ctx.asset.fileFingerprint ?? null, updatedAt: ctx.now()
    })
  }
  // Attribute problems (a mapped attribute missing, a bad value) leave the rest written: the caller links and reports them.
  return { code, wrote: planned.write, problems: [...problems.map((p) => p.message), ...refusedValues] }
}

type Result = Awaited<ReturnType<LinkDeps['akeneo']['upsertAssets']>>[number]
const refusal = (familyCode: string, code: string, result: Result | undefined): UpstreamError => new UpstreamError({
  api: 'akeneo', method: 'PATCH', path: `/api/rest/v1/asset-families/${familyCode}/assets`, status: result?.status_code,
  message: `asset ${code}: ${result?.message ?? 'no answer'} ${(result?.errors ?? []).map((e) => e.message).join(' ')}`.trim()
})

/**
 * One upsert. Akeneo refuses the whole item when one value is invalid (a 422 naming the
 * attribute in `errors`): when every error names an attribute other than the main media, the
 * asset is written again without those values and each refusal is returned as a note, so a bad
 * option in Bynder does not keep the asset out of its collections. Anything else throws.
 */
async function upsert (ctx: AssetContext, familyCode: string, code: string, values: AssetValues, creating: boolean, main: string | null): Promise<string[]> {
  const [result] = await ctx.deps.akeneo.upsertAssets(familyCode, [{ code, values }])
  if (result !== undefined && result.status_code < 300) return []
  const errors = result?.errors ?? []
  const refused = new Set(errors.map((e) => e.attribute))
  if (result?.status_code !== 422 || errors.length === 0 || refused.has(undefined) || refused.has(main ?? undefined)) throw refusal(familyCode, code, result)
  const rest = Object.fromEntries(Object.entries(values).filter(([attribute]) => !refused.has(attribute)))
  if (creating || Object.keys(rest).length > 0) {
    const [again] = await ctx.deps.akeneo.upsertAssets(familyCode, [{ code, values: rest }])
    if (again === undefined || again.status_code >= 300) throw refusal(familyCode, code, again)
  }
  return errors.map((e) => `asset ${ctx.asset.id}: Akeneo refused ${familyCode}.${String(e.attribute)}${e.locale == null ? '' : ` [${e.locale}]`}${e.channel == null ? '' : ` <${e.channel}>`}: ${e.message} (left out)`)
}

async function uploadFile (ctx: AssetContext, upload: { source: string, url: string | null }): Promise<string> {
  const url = upload.source === 'original' || upload.url === null ? await ctx.bynder.getDownloadUrl(ctx.asset, 'original') : upload.url
  const file = await sizedDownload(async () => await ctx.bynder.openDownload(url))
  try {
    return await ctx.deps.akeneo.uploadAssetMediaFile({ file: file.open, size: file.size, filename: fileNameFor(ctx.asset, url) })
  } finally {
    await file.dispose()
  }
}
