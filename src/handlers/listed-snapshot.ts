import { Compile } from 'typebox/compile'
import { AkeneoProductModelSchema, AkeneoProductSchema, type AkeneoProduct, type AkeneoProductModel } from '../clients/akeneo/schemas.js'
import { AssetSchema, type Asset } from '../clients/bynder/index.js'

// A replay's task carries the entity as its list page showed it, to plan without a read.
// The stored JSON is checked like any upstream answer: a snapshot that does not fit (an
// older row, a hand-edited one) is ignored and the entity is read instead. The checks are
// compiled once: interpreted, each allocated several KB per task.

const AssetCheck = Compile(AssetSchema)
const ProductCheck = Compile(AkeneoProductSchema)
const ProductModelCheck = Compile(AkeneoProductModelSchema)

function checked<T> (check: { Check: (value: unknown) => boolean }, snapshot: string | null): T | undefined {
  if (snapshot === null) return undefined
  const parsed: unknown = JSON.parse(snapshot)
  return check.Check(parsed) ? parsed as T : undefined
}

export function listedAsset (snapshot: string | null): Asset | undefined {
  return checked<Asset>(AssetCheck, snapshot)
}

export function listedAkeneoEntity (kind: 'product' | 'product_model', snapshot: string | null): AkeneoProduct | AkeneoProductModel | undefined {
  return kind === 'product'
    ? checked<AkeneoProduct>(ProductCheck, snapshot)
    : checked<AkeneoProductModel>(ProductModelCheck, snapshot)
}
