import { AKENEO_CODE_PATTERN } from '../config/mapping-schema.js'

/** Marks the Akeneo assets this service made, so they are recognised by their code alone. */
export const ASSET_CODE_PREFIX = 'bynder_'

// Bynder ids are hex groups joined by dashes (`0E242B12-0609-4310-90F58FD42E051771`);
// an id with any other character could not be mapped back, so it gets no code at all.
const BYNDER_ID = /^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/

/**
 * The Akeneo asset code for a Bynder asset: `bynder_` + the id with dashes as underscores.
 * Stable (the same id always gives the same code, case kept as Bynder sends it) and
 * reversible by `bynderIdFromAssetCode`; Akeneo codes allow only letters, digits and
 * underscores. Undefined for an id that cannot round-trip.
 */
export function assetCodeFor (bynderId: string): string | undefined {
  if (!BYNDER_ID.test(bynderId)) return undefined
  return ASSET_CODE_PREFIX + bynderId.replaceAll('-', '_')
}

/**
 * The Bynder id an asset code stands for, or undefined when the code was not made by
 * `assetCodeFor` (an asset someone else created in Akeneo). Underscores cannot start, end
 * or repeat in a made code, which keeps codes such as `bynder__x` out.
 */
export function bynderIdFromAssetCode (code: string): string | undefined {
  if (!code.startsWith(ASSET_CODE_PREFIX)) return undefined
  const id = code.slice(ASSET_CODE_PREFIX.length).replaceAll('_', '-')
  return BYNDER_ID.test(id) ? id : undefined
}

/** Whether Akeneo accepts this as an asset code (letters, digits, underscores). */
export function isAkeneoAssetCode (code: string): boolean {
  return AKENEO_CODE_PATTERN.test(code)
}
