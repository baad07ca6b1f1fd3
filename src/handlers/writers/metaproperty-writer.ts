import type { BynderClient, IndexedMetaproperty, MetapropertyValues } from '../../clients/bynder/index.js'
import type { Mapping } from '../../config/mapping-schema.js'
import type { MetapropertyChange, PropertyProblem } from '../../sync/metaproperty-change.js'
import { metapropertyKind } from '../../sync/metaproperty-kind.js'
import { findOption, sanitizeOptionName } from '../../sync/option-name.js'
import { mergeChanges } from '../../sync/merge-changes.js'

export interface WriteOutcome {
  /** Whether the asset was POSTed (never in a dry run). */
  posted: boolean
  /** `<metaproperty>:<option name>` of each option created (dry run: that would be created). */
  createdOptions: string[]
  problems: PropertyProblem[]
  /**
   * What was (dry run: would be) posted, by metaproperty **name**: option names as Bynder
   * keeps them, or the text. Empty when nothing is posted.
   */
  sent: Record<string, string[] | string>
  /** `beforePost` refused: another writer recorded first; nothing was posted. */
  conflict?: true
}

/** Only the one key this writer reads, so callers can pass a fragment. */
export type WriterMapping = Pick<Mapping, 'create_missing_metaproperty_options'>

function problem (change: MetapropertyChange, text: string, mappingKey: string): PropertyProblem {
  return { attribute: change.metaproperty, message: `${text} (${change.why})`, mappingKey }
}

type Resolved =
  | { ok: true, ids: string[], names: string[], created: string[] }
  | { ok: false, problem: PropertyProblem }

/** Option ids (and Bynder's names) of a change, in its order, creating what is missing. */
async function resolveOptions (
  bynder: BynderClient, mp: IndexedMetaproperty, change: Extract<MetapropertyChange, { kind: 'options' }>, mapping: WriterMapping, dryRun: boolean
): Promise<Resolved> {
  const missing = change.options.filter((option) => findOption(mp, option.name) === undefined)
  if (missing.length > 0 && !mapping.create_missing_metaproperty_options) {
    const list = missing.map((option) => `"${option.label}"`).join(', ')
    return {
      ok: false,
      problem: problem(change, `Bynder metaproperty ${mp.name} has no option ${list} and create_missing_metaproperty_options is false: not written`,
        'create_missing_metaproperty_options')
    }
  }
  const ids: string[] = []
  const names: string[] = []
  const created: string[] = []
  for (const option of change.options) {
    let found = findOption(mp, option.name)
    if (found === undefined && dryRun) {
      const name = sanitizeOptionName(option.name)
      if (!names.includes(name)) {
        names.push(name)
        created.push(`${mp.name}:${name}`)
      }
      continue
    }
    if (found === undefined) {
      // The cache learns the new option, so a later duplicate in this change finds it.
      const result = await bynder.createOrGetOption(mp.id, { name: option.name, label: option.label })
      if (result.created) created.push(`${mp.name}:${result.name}`)
      found = result
    }
    if (ids.includes(found.id)) continue
    ids.push(found.id)
    names.push(found.name)
  }
  if (!mp.isMultiselect && names.length > 1) {
    return { ok: false, problem: problem(change, `Bynder metaproperty ${mp.name} is single-select and cannot hold ${names.join(', ')}: not written`, '') }
  }
  return { ok: true, ids, names, created }
}

/**
 * Writes planned changes to one asset. Option names are resolved to ids through the cached
 * metaproperties (`bynder.getMetaproperties()`); a missing option is created with
 * `createOrGetOption` (name sanitised, the original text as label) unless
 * `create_missing_metaproperty_options` is false — then a problem, and that metaproperty is
 * left out rather than posted without the option. Everything is posted as complete sets
 * (option ids for select-like metaproperties, the text for text ones) in ONE
 * `setMetaproperties` call; nothing to post → no call. Only `metaproperty.<id>` fields are
 * ever sent (never name, description, tags, archive or isPublic).
 *
 * Changes for the same metaproperty are merged first (`mergeChanges`, single-select known
 * from the metaproperties). A metaproperty that does not exist, is not an API field, or does
 * not take the kind of value planned (options vs text) is a problem and left out.
 *
 * `beforePost(values)` runs right before the POST (the write log's compare-and-set); `false`
 * cancels it (`conflict`). `dryRun`: resolves without creating or posting; `createdOptions` and `sent` say what
 * would be created and posted. Bynder failures (403, 5xx…) are thrown as `UpstreamError`,
 * for the caller's retry policy; options created before a failed POST stay (create-or-get
 * finds them on the retry).
 */
export async function writeMetaproperties (
  bynder: BynderClient, assetId: string, changes: readonly MetapropertyChange[], mapping: WriterMapping,
  options: { dryRun?: boolean, beforePost?: (values: MetapropertyValues) => Promise<boolean> } = {}
): Promise<WriteOutcome> {
  const dryRun = options.dryRun ?? false
  const outcome: WriteOutcome = { posted: false, createdOptions: [], problems: [], sent: {} }
  if (changes.length === 0) return outcome
  const index = await bynder.getMetaproperties()
  const merged = mergeChanges(changes, index.byName)
  outcome.problems.push(...merged.problems)

  const values: MetapropertyValues = {}
  for (const change of merged.changes) {
    const mp = index.byName.get(change.metaproperty)
    if (mp === undefined) {
      outcome.problems.push(problem(change, `Bynder metaproperty ${change.metaproperty} does not exist: not written`, ''))
      continue
    }
    if (!mp.isApiField) {
      outcome.problems.push(problem(change, `Bynder metaproperty ${mp.name} is not an API field (isApiField): not written`, ''))
      continue
    }
    if (metapropertyKind(mp) !== change.kind) {
      const planned = change.kind === 'options' ? 'options' : 'a text'
      outcome.problems.push(problem(change, `Bynder metaproperty ${mp.name} is of type ${mp.type}, which does not take ${planned}: not written`, ''))
      continue
    }
    if (change.kind === 'text') {
      values[mp.id] = change.text
      outcome.sent[mp.name] = change.text
      continue
    }
    const resolved = await resolveOptions(bynder, mp, change, mapping, dryRun)
    if (!resolved.ok) {
      outcome.problems.push(resolved.problem)
      continue
    }
    outcome.createdOptions.push(...resolved.created)
    values[mp.id] = resolved.ids
    outcome.sent[mp.name] = resolved.names
  }

  if (!dryRun && Object.keys(values).length > 0) {
    // Bynder applies the post later (202): the caller records it first, and may refuse.
    if (options.beforePost !== undefined && !await options.beforePost(values)) return { ...outcome, sent: {}, conflict: true }
    await bynder.setMetaproperties(assetId, values)
    outcome.posted = true
  }
  return outcome
}
