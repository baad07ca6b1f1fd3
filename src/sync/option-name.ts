// A Bynder rule the planners, the writer, the check and the metaproperty cache must all apply
// the same way; pure, so it lives in the core.

/**
 * Bynder turns spaces and symbols in option **names** into `_` (e.g. `SKU-1001` →
 * `SKU_1001`); the human text belongs in `label`. Assumption (reference: only "spaces and
 * symbols"): everything outside ASCII letters, digits and `_` counts as a symbol, one `_`
 * per character, no collapsing, case kept.
 */
export function sanitizeOptionName (raw: string): string {
  return raw.replace(/[^A-Za-z0-9_]/g, '_')
}

interface NamedOptions<O extends { name: string }> {
  options: readonly O[]
  optionsByName: ReadonlyMap<string, O>
}

/** Two option names Bynder would store as the same name. */
export function sameOptionName (a: string, b: string): boolean {
  return sanitizeOptionName(a) === sanitizeOptionName(b)
}

/**
 * The option a write should use for a wanted name: exact name first, then the sanitised name
 * (Bynder stores `SKU-1001` as `SKU_1001`), then an option whose own name sanitises the same
 * (options created before Bynder sanitised, or by another route).
 */
export function findOption<O extends { name: string }> (mp: NamedOptions<O>, name: string): O | undefined {
  const sanitised = sanitizeOptionName(name)
  return mp.optionsByName.get(name) ?? mp.optionsByName.get(sanitised) ??
    mp.options.find((option) => sanitizeOptionName(option.name) === sanitised)
}

/**
 * The name of the option an Akeneo value already has in Bynder (enrichment): exact, or the
 * one case-insensitive match of the sanitised names; none when several match.
 */
export function existingOptionName (mp: NamedOptions<{ name: string }>, value: string): string | undefined {
  if (mp.optionsByName.has(value)) return value
  const wanted = sanitizeOptionName(value).toLowerCase()
  const matches = mp.options.filter((option) => sanitizeOptionName(option.name).toLowerCase() === wanted)
  return matches.length === 1 ? matches[0]!.name : undefined
}
