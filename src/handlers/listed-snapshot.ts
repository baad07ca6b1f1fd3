import type { Static, TSchema } from 'typebox'
import { Value } from 'typebox/value'
import { AkeneoProductModelSchema, AkeneoProductSchema, type AkeneoProduct, type AkeneoProductModel } from '../clients/akeneo/schemas.js'
import { AssetSchema, type Asset } from '../clients/bynder/index.js'

// A replay's task carries the entity as its list page showed it, to plan without a read.
// The stored JSON is checked like any upstream answer: a snapshot that does not fit (an
// older row, a hand-edited one) is ignored and the entity is read instead.

function checked<S extends TSchema> (schema: S, snapshot: string | null): Static<S> | undefined {
  if (snapshot === null) return undefined
  const parsed: unknown = JSON.parse(snapshot)
  return Value.Check(schema, parsed) ? parsed as Static<S> : undefined
}

export function listedAsset (snapshot: string | null): Asset | undefined {
  return checked(AssetSchema, snapshot)
}

export function listedAkeneoEntity (kind: 'product' | 'product_model', snapshot: string | null): AkeneoProduct | AkeneoProductModel | undefined {
  return kind === 'product'
    ? checked(AkeneoProductSchema, snapshot)
    : checked(AkeneoProductModelSchema, snapshot)
}
