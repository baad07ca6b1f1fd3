import { rightsWarning, unsupportedMessage, type AkeneoAttribute, type AkeneoClient } from '../clients/akeneo/index.js'
import type { BynderClient, MetapropertyIndex } from '../clients/bynder/index.js'
import type { Mapping } from '../config/mapping-schema.js'
import { checkAkeneoMapping, mappedAttributeCodes } from './akeneo-checks.js'
import { checkAssetCollections, collectionTargets, familiesToRead, needsChannels, type AssetManagerFacts } from './asset-collection-checks.js'
import { checkBynderMapping } from './bynder-checks.js'
import { describeFailure } from './connectivity.js'
import { checkDownloadRights, type DownloadProbeClient } from './download-rights.js'
import { checkAcrossSystems, codeStyleAssetTypes } from './cross-checks.js'
import type { Finding } from './findings.js'
import { countSlots, slotCode, sortableTypes } from './link-attributes.js'
import { checkMappingRules } from './mapping-rules.js'

export interface CheckTargets {
  mapping: Mapping
  akeneo: { client: Pick<AkeneoClient, 'getAttributes' | 'searchProducts' | 'describePlatform' | 'getAssetFamily' | 'getChannels'>, label: string, credentialsHint: string }
  /** One per Bynder credential to check, in the order to report them. */
  bynder: Array<{ code: string, client: Pick<BynderClient, 'getMetaproperties'> & DownloadProbeClient, label: string, credentialsHint: string }>
}

// Slots are looked up this many at a time, as long as every one of a batch exists.
const SLOT_BATCH = 20
const MAX_SLOTS = 1000

async function fetchAttributes (client: CheckTargets['akeneo']['client'], mapping: Mapping, codes: string[]): Promise<Map<string, AkeneoAttribute>> {
  const sortable = sortableTypes(mapping)
  const batch = (from: number): string[] => sortable.flatMap((type) => Array.from({ length: SLOT_BATCH }, (_, i) => slotCode(type, from + i)))
  const found = new Map<string, AkeneoAttribute>()
  const wanted = [...codes, ...batch(1)]
  if (wanted.length === 0) {
    // Nothing to look up: still prove that the connection and its credentials work.
    for await (const _product of client.searchProducts({ limit: 1 })) break
    return found
  }
  for (const [code, attribute] of await client.getAttributes(wanted)) found.set(code, attribute)
  for (let from = SLOT_BATCH + 1; from <= MAX_SLOTS; from += SLOT_BATCH) {
    const open = sortable.filter((type) => countSlots(found, type) === from - 1)
    if (open.length === 0) break
    const more = open.flatMap((type) => Array.from({ length: SLOT_BATCH }, (_, i) => slotCode(type, from + i)))
    for (const [code, attribute] of await client.getAttributes(more)) found.set(code, attribute)
  }
  return found
}

/**
 * Checks the mapping against the live systems and returns every finding; it does not throw
 * for an unreachable system — that is a finding too, and the other system is still checked.
 */
export async function runCheck (targets: CheckTargets): Promise<Finding[]> {
  const { mapping } = targets
  const findings: Finding[] = [...checkMappingRules(mapping)]

  const portals = await Promise.all(targets.bynder.map(async (target) => {
    try {
      return { target, index: await target.client.getMetaproperties() }
    } catch (error) {
      findings.push({ severity: 'error', system: target.label, message: describeFailure(error, target.credentialsHint) })
      return { target, index: undefined }
    }
  }))
  const reachable = portals.filter((p): p is { target: typeof p.target, index: MetapropertyIndex } => p.index !== undefined)
  for (const { target, index } of reachable) findings.push(...checkBynderMapping(mapping, index, target.code))
  for (const { target } of reachable) {
    try {
      findings.push(...await checkDownloadRights(mapping, target.client, target.code))
    } catch (error) {
      findings.push({ severity: 'error', system: target.label, message: describeFailure(error, target.credentialsHint) })
    }
  }

  const codes = new Set(mappedAttributeCodes(mapping))
  const codeStyle = new Set(reachable.flatMap(({ index }) => codeStyleAssetTypes(mapping, index)))
  for (const code of codeStyle) codes.add(code)
  let attributes: Map<string, AkeneoAttribute>
  try {
    attributes = await fetchAttributes(targets.akeneo.client, mapping, [...codes])
  } catch (error) {
    findings.push({ severity: 'error', system: targets.akeneo.label, message: describeFailure(error, targets.akeneo.credentialsHint) })
    return findings
  }
  findings.push(...await checkAkeneoPlatform(targets.akeneo))
  findings.push(...checkAkeneoMapping(mapping, attributes))
  findings.push(...await checkAssetManager(targets.akeneo, mapping, collectionTargets(mapping, attributes, codeStyle)))
  for (const { target, index } of reachable) findings.push(...checkAcrossSystems(mapping, index, attributes, target.code))
  return findings
}

/** Asset collections: each family read once (the client caches them too), the channels only when an entry needs them. */
async function checkAssetManager (akeneo: CheckTargets['akeneo'], mapping: Mapping, collections: ReturnType<typeof collectionTargets>): Promise<Finding[]> {
  const codes = familiesToRead(mapping, collections)
  if (codes.length === 0) return []
  let facts: AssetManagerFacts
  try {
    const families = await Promise.all(codes.map(async (code) => [code, await akeneo.client.getAssetFamily(code)] as const))
    facts = { families: new Map(families), channels: needsChannels(mapping) ? await akeneo.client.getChannels() : undefined }
  } catch (error) {
    return [{ severity: 'error', system: akeneo.label, message: describeFailure(error, akeneo.credentialsHint) }]
  }
  return checkAssetCollections(mapping, collections, facts)
}

/** The PIM's version (7.0+ or SaaS: the UUID API) and, on EE, whether the connection owns what it writes. */
async function checkAkeneoPlatform (akeneo: CheckTargets['akeneo']): Promise<Finding[]> {
  try {
    const platform = await akeneo.client.describePlatform()
    if (!platform.uuidApi) return [{ severity: 'error', system: akeneo.label, message: unsupportedMessage(platform) }]
    const rights = rightsWarning(platform)
    return rights === null ? [] : [{ severity: 'warning', system: akeneo.label, message: rights }]
  } catch (error) {
    return [{ severity: 'error', system: akeneo.label, message: describeFailure(error, akeneo.credentialsHint) }]
  }
}
