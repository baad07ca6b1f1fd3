import type { MetapropertyChange, PropertyProblem } from './metaproperty-change.js'
import { sameOptionName } from './option-name.js'
import type { PlannableMetaproperty } from './plannable-metaproperty.js'

function describeChange (change: MetapropertyChange): string {
  return change.kind === 'text' ? `"${change.text}"` : change.options.map((option) => option.name).join(', ')
}

/**
 * One change per metaproperty out of several (several slots referring to the same asset,
 * enrichment adding its own), in order of first appearance.
 * - Option sets: union (names compared sanitised, first label kept).
 * - A single-select metaproperty cannot hold a union: two different options on it conflict,
 *   the first wins and a problem names both. `metaproperties` says which metaproperties are
 *   single-select; without it, two one-option changes that disagree count as such a
 *   conflict (a multi-select one with one option each, from an empty start, then converges
 *   over two runs instead of one).
 * - Texts: the same text merges; a different text (or a text against options) conflicts,
 *   the first wins. A conflict problem names the metaproperty as its `attribute` and has no
 *   mapping key (`''`): the fix is in Akeneo, where one asset sits in two places.
 * The `why`s of merged changes are joined.
 */
export function mergeChanges (
  changes: readonly MetapropertyChange[],
  metaproperties?: ReadonlyMap<string, Pick<PlannableMetaproperty, 'isMultiselect'>>
): { changes: MetapropertyChange[], problems: PropertyProblem[] } {
  const merged = new Map<string, MetapropertyChange>()
  const problems: PropertyProblem[] = []
  for (const change of changes) {
    const first = merged.get(change.metaproperty)
    if (first === undefined) {
      merged.set(change.metaproperty, change.kind === 'options' ? { ...change, options: [...change.options] } : { ...change })
      continue
    }
    const conflict = (): void => {
      problems.push({
        attribute: change.metaproperty,
        message: `conflicting values for Bynder metaproperty ${change.metaproperty}: ${describeChange(first)} (${first.why}) is kept, ${describeChange(change)} (${change.why}) is not written`,
        mappingKey: ''
      })
    }
    const why = first.why.split('; ').includes(change.why) ? first.why : `${first.why}; ${change.why}`
    if (first.kind === 'text' || change.kind === 'text') {
      if (first.kind === 'text' && change.kind === 'text' && first.text === change.text) first.why = why
      else conflict()
      continue
    }
    const added = change.options.filter((option) => !first.options.some((known) => sameOptionName(known.name, option.name)))
    if (added.length === 0) {
      first.why = why
      continue
    }
    const known = metaproperties?.get(change.metaproperty)
    const single = known === undefined ? first.options.length === 1 && change.options.length === 1 : !known.isMultiselect
    if (single) {
      conflict()
      continue
    }
    first.options.push(...added)
    first.why = why
  }
  return { changes: [...merged.values()], problems }
}
