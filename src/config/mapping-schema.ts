import { Type, type Static } from 'typebox'

const Name = Type.String({ minLength: 1 })
const NameMap = Type.Record(Type.String({ minLength: 1 }), Name)
const FamilyMap = Type.Record(Type.String({ minLength: 1 }), NameMap)

/**
 * The attribute mapping, `mappings/bynder_attribute_mappings.yml`. Each key maps Akeneo
 * (key) to Bynder (value), as in the PHP connector this service takes over.
 */
export const MappingSchema = Type.Object({
  metaproperty_mappings: Type.Object({
    product_identifier: Name,
    product_model_code: Type.Optional(Name),
    asset_type: Name,
    sort_order: Type.Optional(Name)
  }, { additionalProperties: false }),
  asset_type_metaproperty_options_mappings: Type.Optional(NameMap),
  sortable_asset_type_metaproperty_mappings: Type.Optional(NameMap),
  // Localizable / scopable link attributes: Akeneo attribute code => the locale / channel
  // the asset is linked into. A sortable attribute's slots inherit the entry of its first
  // slot (`application_image_1`) unless a slot has its own entry (`application_image_3`).
  asset_attribute_locale_mappings: Type.Optional(NameMap),
  asset_attribute_channel_mappings: Type.Optional(NameMap),
  enrichment_metaproperty_mappings: Type.Optional(NameMap),
  enrichment_metaproperty_options_mappings: Type.Optional(Type.Record(Type.String({ minLength: 1 }), NameMap)),
  enrichment_metaproperty_locale_mappings: Type.Optional(NameMap),
  // Scopable enrichment attributes: Akeneo attribute code => the channel whose value is written.
  enrichment_metaproperty_channel_mappings: Type.Optional(NameMap),
  // Whether a Bynder option missing for a value (an identifier, an asset type, an enrichment
  // option) is created (create-or-get) or reported as a problem.
  create_missing_metaproperty_options: Type.Boolean({ default: true }),
  // Whether deleting a product / product model in Akeneo also removes its identifier / code
  // from the Bynder assets that name it. Off by default: Bynder keeps saying where it was used.
  remove_deleted_products_from_assets: Type.Boolean({ default: false }),
  derivative_to_use: Type.String({ minLength: 1, default: 'original' }),
  asset_unlink_after_archiving: Type.Boolean({ default: true }),
  update_metaproperty_on_empty_only_mappings: Type.Optional(Type.Array(Name)),
  // Asset Manager: asset family code => { asset attribute code => Bynder metaproperty, or
  // one of ASSET_FIELD_SOURCES (the asset's own name, description, copyright) }.
  asset_family_attribute_mappings: Type.Optional(FamilyMap),
  // Localizable / scopable asset attributes (the mapped ones and the family's main media):
  // family => { asset attribute => the locale / channel of the value written }.
  asset_family_attribute_locale_mappings: Type.Optional(FamilyMap),
  asset_family_attribute_channel_mappings: Type.Optional(FamilyMap),
  // Whether deleting a Bynder asset also deletes the Akeneo asset made from it. Off by
  // default: it is only removed from the collections this service put it in. Optional in
  // the type (the loader still fills false) so mapping fragments need not name it.
  delete_akeneo_assets_on_bynder_delete: Type.Optional(Type.Boolean({ default: false }))
}, { additionalProperties: false })

export type Mapping = Static<typeof MappingSchema>

/** A sortable asset type names its first slot: `application_image_1` → base `application_image`. */
export const SORTABLE_SLOT_PATTERN = /^(.+)_([1-9][0-9]*)$/

/** Sources of asset_family_attribute_mappings that are the Bynder asset's own fields, not metaproperties. */
export const ASSET_FIELD_SOURCES = ['name', 'description', 'copyright'] as const

/** Akeneo's code rule for asset families, asset attributes and assets: letters, digits, underscores. */
export const AKENEO_CODE_PATTERN = /^[A-Za-z0-9_]+$/
