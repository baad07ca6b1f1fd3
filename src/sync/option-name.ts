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
