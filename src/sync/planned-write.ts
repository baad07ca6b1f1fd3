/**
 * A write a handler would make, as a dry run reports it instead of making it
 * (`POST /replay` with `dry_run: true`): the safe way to try a mapping on production data.
 */
export interface PlannedWrite {
  system: 'akeneo' | 'bynder'
  /** e.g. `upload`, `patch`, `unlink` (Akeneo); `set_metaproperties`, `create_option` (Bynder). */
  operation: string
  /** `product <identifier>`, `product_model <code>` or `asset <id>`. */
  entity: string
  /** What exactly: the attribute and file, or the metaproperty values. */
  detail: string
}
