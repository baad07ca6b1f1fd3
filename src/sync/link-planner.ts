import { resolveAssetType } from './asset-type.js'
import {
  linkKey,
  type AttributeLookup, type AttributeMeta, type DesiredLink, type LinkMapping, type LinkPlan,
  type LinkTarget, type PlannableAsset, type PlanProblem
} from './link-plan-types.js'
import { place, propertyValues, type Placement } from './placement.js'
import { byString } from './compare.js'
import { isCollection } from './collection-links.js'

export * from './link-plan-types.js'
export { SUPPORTED_ATTRIBUTE_TYPES } from './link-source.js'

function describe (asset: PlannableAsset): string {
  return asset.name === undefined || asset.name === '' ? `asset ${asset.id}` : `asset ${asset.id} ("${asset.name}")`
}

/** Every message ends with the mapping key to look at, so a log line alone says where to fix it. */
function problem (code: PlanProblem['code'], asset: PlannableAsset, text: string, mappingKey: string): PlanProblem {
  return { code, assetId: asset.id, message: `${text} (mapping key: ${mappingKey})`, mappingKey }
}

export function asLookupFunction (attributes: AttributeLookup): (code: string) => AttributeMeta | undefined {
  return typeof attributes === 'function' ? attributes : (code) => attributes.get(code)
}

/**
 * Products and product models the asset names, each once. Model codes are read only when
 * `product_model_code` is mapped: without it the connector has no model metaproperty.
 * Values are kept exactly as Bynder reports them (option name ↔ identifier translation,
 * if any, belongs to the Bynder client's normalisation).
 */
export function targetsOf (asset: PlannableAsset, mapping: LinkMapping): LinkTarget[] {
  const { product_identifier: products, product_model_code: models } = mapping.metaproperty_mappings
  const targets = [...new Set(propertyValues(asset, products))].map((code): LinkTarget => ({ type: 'product', code }))
  if (models !== undefined) {
    targets.push(...[...new Set(propertyValues(asset, models))].map((code): LinkTarget => ({ type: 'product_model', code })))
  }
  return targets
}


function finish (links: DesiredLink[], problems: PlanProblem[]): LinkPlan {
  // The usual plan (one link, no problem) as it is: planned for every asset a replay lists.
  if (links.length <= 1 && problems.length <= 1) return { links, problems }
  const uniqueLinks = new Map(links.map((link) => [linkKey(link), link]))
  const uniqueProblems = new Map(problems.map((problem) => [`${problem.code}\n${problem.message}`, problem]))
  return {
    links: [...uniqueLinks.entries()].sort(([a], [b]) => byString(a, b)).map(([, link]) => link),
    problems: [...uniqueProblems.entries()].sort(([a], [b]) => byString(a, b)).map(([, problem]) => problem)
  }
}

/**
 * The links an asset should have in Akeneo, and why any part of it cannot be placed.
 * Pure: the caller fetches the attribute metadata first (`attributesToLookUp`), then diffs
 * the plan against the link registry.
 *
 * - Archived and `asset_unlink_after_archiving` → no links (one `archived` info problem).
 *   With the flag off an archived asset is planned like any other: the planner holds no
 *   state, so "keep its links" and "link it" are the same plan.
 * - No product and no product model → `no_targets` (info); nothing else is checked.
 * - Each asset-type value is placed on its own (Bynder's asset type is usually single
 *   select; when it is not, each value is a placement): a bad value reports a problem and
 *   does not stop the good ones.
 * - Every placement applies to every target; the same (target, attribute, locale, scope)
 *   reached twice is one link.
 */
export function planLinks (asset: PlannableAsset, mapping: LinkMapping, attributes: AttributeLookup): LinkPlan {
  const lookup = asLookupFunction(attributes)
  const who = describe(asset)
  if (asset.archive && mapping.asset_unlink_after_archiving) {
    return finish([], [problem('archived', asset, `${who} is archived and archived assets are unlinked: it is linked nowhere`, 'asset_unlink_after_archiving')])
  }
  const { product_identifier: products, product_model_code: models, asset_type: typeProperty } = mapping.metaproperty_mappings
  const targets = targetsOf(asset, mapping)
  if (targets.length === 0) {
    const where = models === undefined ? `metaproperty ${products} is` : `metaproperties ${products} and ${models} are`
    return finish([], [problem('no_targets', asset, `${who} names no product or product model (${where} empty)`, 'metaproperty_mappings.product_identifier')])
  }
  const typeValues = [...new Set(propertyValues(asset, typeProperty))]
  if (typeValues.length === 0) {
    return finish([], [problem('no_asset_type', asset, `${who} has no asset type: metaproperty ${typeProperty} is empty`, 'metaproperty_mappings.asset_type')])
  }

  const placements: Placement[] = []
  const problems: PlanProblem[] = []
  for (const value of typeValues) {
    for (const candidate of resolveAssetType(value, mapping)) {
      // Asset collections are planned by planCollectionLinks (collection-links.ts); sortable
      // types name slot attributes, never a collection (the first slot is not looked up).
      const sortable = Object.hasOwn(mapping.sortable_asset_type_metaproperty_mappings ?? {}, candidate.attribute)
      if (!sortable && isCollection(lookup(candidate.attribute))) continue
      const result = place(asset, mapping, lookup, candidate)
      if (result.ok) {
        placements.push(result.placement)
        continue
      }
      const found = problem(result.code, asset, `${who}, asset type "${value}" (metaproperty ${typeProperty}): ${result.reason}`, result.mappingKey)
      found.value = result.value ?? value
      if (result.attribute !== undefined) found.attribute = result.attribute
      problems.push(found)
    }
  }
  const links = targets.flatMap((target) => placements.map((placement): DesiredLink => ({ assetId: asset.id, target, ...placement })))
  return finish(links, problems)
}

/**
 * The attribute codes `planLinks` will ask about for this asset, so the (async) caller can
 * fetch exactly those before the (sync) planner runs. Found by running the planner with a
 * recording lookup that knows no attribute: every candidate's lookup happens before, and
 * independently of, any other lookup's answer.
 */
export function attributesToLookUp (asset: PlannableAsset, mapping: LinkMapping): string[] {
  const asked = new Set<string>()
  planLinks(asset, mapping, (code) => {
    asked.add(code)
    return undefined
  })
  return [...asked].sort(byString)
}
