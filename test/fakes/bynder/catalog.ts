import { isoSeconds, newIdHash, newV4Id } from './ids.js'
import type { FakeAsset, FakeBynderState, FakeFile, FakeMetaproperty, FakeOption, TrashedAsset } from './state.js'

export interface AssetInput extends Partial<Omit<FakeAsset, 'original' | 'derivatives' | 'values'>> {
  /** metaproperty **name** → option names (select-like) or text; resolved to ids here. */
  properties?: Record<string, string[] | string>
  /** extra derivatives besides mini/thul/webimage, e.g. `Akeneo_1200`. */
  customDerivatives?: string[]
}

const STANDARD_DERIVATIVES = ['mini', 'thul', 'webimage']

function file (fileName: string, content: string): FakeFile {
  return { itemId: newV4Id(), fileName, bytes: Buffer.from(content) }
}

export function addAsset (state: FakeBynderState, input: AssetInput = {}): FakeAsset {
  const id = input.id ?? newV4Id()
  const name = input.name ?? `asset-${state.assets.size + 1}`
  const ext = input.extension ?? ['jpg']
  const created = input.dateCreated ?? isoSeconds(new Date())
  const derivatives: Record<string, FakeFile> = {}
  for (const d of [...STANDARD_DERIVATIVES, ...(input.customDerivatives ?? [])]) {
    const slug = newIdHash()
    derivatives[d] = file(`${d}-${slug}.png`, `derivative ${d} of ${id}`)
  }
  const asset: FakeAsset = {
    id,
    idHash: input.idHash ?? newIdHash(),
    name,
    description: input.description ?? '',
    type: input.type ?? 'image',
    extension: ext,
    tags: input.tags ?? [],
    archive: input.archive ?? false,
    isPublic: input.isPublic ?? false,
    limited: input.limited ?? false,
    watermarked: input.watermarked ?? false,
    flagsAsNumbers: input.flagsAsNumbers ?? false,
    dateCreated: created,
    dateModified: input.dateModified ?? created,
    values: resolveValues(state, input.properties ?? {}),
    original: file(`${name}.${ext[0] ?? 'bin'}`, `original bytes of ${id}`),
    derivatives
  }
  state.assets.set(id, asset)
  return asset
}

function resolveValues (state: FakeBynderState, properties: Record<string, string[] | string>): Record<string, string[] | string> {
  const values: Record<string, string[] | string> = {}
  for (const [name, value] of Object.entries(properties)) {
    const mp = findMetapropertyByName(state, name)
    if (mp === undefined) throw new Error(`fake bynder: no metaproperty named ${name}`)
    if (typeof value === 'string') {
      values[mp.id] = value
      continue
    }
    values[mp.id] = value.map((optionName) => {
      const option = mp.options.find((o) => o.name === optionName) ?? addOption(mp, { name: optionName })
      return option.id
    })
  }
  return values
}

export function findMetapropertyByName (state: FakeBynderState, name: string): FakeMetaproperty | undefined {
  return [...state.metaproperties.values()].find((mp) => mp.name === name)
}

export interface MetapropertyInput extends Partial<Omit<FakeMetaproperty, 'options'>> {
  name: string
  options?: Array<Partial<FakeOption> & { name: string }>
}

export function addMetaproperty (state: FakeBynderState, input: MetapropertyInput): FakeMetaproperty {
  const mp: FakeMetaproperty = {
    id: input.id ?? newV4Id(),
    name: input.name,
    label: input.label ?? input.name,
    type: input.type ?? 'select',
    isMultiselect: input.isMultiselect ?? false,
    isApiField: input.isApiField ?? true,
    isRequired: input.isRequired ?? false,
    options: []
  }
  for (const option of input.options ?? []) addOption(mp, option)
  state.metaproperties.set(mp.id, mp)
  return mp
}

export function addOption (mp: FakeMetaproperty, input: Partial<FakeOption> & { name: string }): FakeOption {
  const option: FakeOption = {
    id: input.id ?? newV4Id(),
    name: input.name,
    label: input.label ?? input.name,
    labels: input.labels ?? { en_US: input.label ?? input.name },
    active: input.active ?? true
  }
  mp.options.push(option)
  return option
}

/** Moves an asset to the trash (the API lists trash entries of the last 30 days). */
export function trashAsset (state: FakeBynderState, id: string, deletedAt = new Date()): TrashedAsset {
  const asset = state.assets.get(id)
  if (asset === undefined) throw new Error(`fake bynder: no asset ${id}`)
  state.assets.delete(id)
  const entry: TrashedAsset = {
    id, name: asset.name, dateRemoved: isoSeconds(deletedAt), dateCreated: asset.dateCreated, username: 'Portal Admin', userId: '7E9C1D2A-3B4F-4A5E-9C8D7E6F5A4B3C2D'
  }
  state.trash.push(entry)
  return entry
}
