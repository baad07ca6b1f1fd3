import { EventEmitter } from 'node:events'

/** Roles of the token's user; the download ones follow the audited facts of bynder-api.md. */
export type Right = 'MEDIAEDIT' | 'METAPROPERTYMANAGEMENT' | 'MEDIAHIGHRES' | 'ARCHIVEDOWNLOAD' | 'DOWNLOADWATERMARK' | 'KEYVISUALSDOWNLOAD'
export const ALL_RIGHTS: readonly Right[] = ['MEDIAEDIT', 'METAPROPERTYMANAGEMENT', 'MEDIAHIGHRES', 'ARCHIVEDOWNLOAD', 'DOWNLOADWATERMARK', 'KEYVISUALSDOWNLOAD']

export interface FakeOption {
  id: string
  name: string
  label: string
  labels: Record<string, string>
  active: boolean
}

/** The six documented types and the ones Bynder's own examples show (audited facts). */
export type MetapropertyType = 'select' | 'select2' | 'autocomplete' | 'text' | 'longtext' | 'date' | 'sidebar' | 'custom_list' | 'button' | 'linked_assets'

export interface FakeMetaproperty {
  id: string
  name: string
  label: string
  type: MetapropertyType
  isMultiselect: boolean
  isApiField: boolean
  isRequired: boolean
  options: FakeOption[]
}

export interface FakeFile { itemId: string, fileName: string, bytes: Buffer }

export interface FakeAsset {
  id: string
  idHash: string
  name: string
  description: string
  type: 'image' | 'document' | 'audio' | 'video' | '3d'
  extension: string[]
  tags: string[]
  archive: boolean
  isPublic: boolean
  limited: boolean
  watermarked: boolean
  /** Render limited/watermarked as 0/1 instead of booleans (both occur in the wild). */
  flagsAsNumbers: boolean
  dateCreated: string
  dateModified: string
  /** metaproperty id → option ids (select-like) or the text itself. Empty = absent. */
  values: Record<string, string[] | string>
  original: FakeFile
  /** mini, thul, webimage and custom derivatives, keyed by thumbnail name. */
  derivatives: Record<string, FakeFile>
}

/** A trash entry as `GET /api/trash/media` shows it (`S3_filepointer` omitted). */
export interface TrashedAsset { id: string, name: string, dateRemoved: string, dateCreated: string, username: string, userId: string }

export interface RequestRecord {
  method: string
  path: string
  query: Record<string, unknown>
  contentType: string | undefined
  /** Parsed form fields (last value wins, as Bynder's backend reads them). */
  form: Record<string, string> | undefined
  /** Raw form pairs in order, to prove a field was sent once and not as repeated keys. */
  formPairs: Array<[string, string]> | undefined
  /** Whether a bearer header came along (never its value): downloads from S3 must have none. */
  authorization: 'none' | 'bearer' | 'other'
  status: number
  time: number
}

export interface WriteRecord {
  assetId: string
  at: number
  /** metaproperty id → the raw value posted. */
  metaproperties: Record<string, string>
  /** Option names used where ids are expected (Bynder: works, but deprecated). */
  deprecatedOptionNames: string[]
  /** name / description / tags / archive / isPublic as posted: the service must never send them. */
  dangerousFields: Record<string, string>
  /** Fields Bynder ignores, e.g. `property_<name>`. */
  ignoredFields: string[]
}

export interface AssetModifiedEvent { assetId: string, at: number, write: WriteRecord }

/**
 * How `GET /api/v4/media/` reads `limited` (unsettled, README). `strict`: no `limited` leaves
 * limited-usage assets out and `limited=1` lists only them (each source's strict half);
 * `javaSdk`: `limited=1` also includes them (so the default leaves them out); `openApi`:
 * `limited=1` lists only them and no `limited` is no filter.
 */
export type LimitedReading = 'strict' | 'javaSdk' | 'openApi'

export interface FakeBynderSettings {
  maxRequestsPerSecond: number
  latencyMs: number
  downloadUrlTtlMs: number
  /** Requests per `blockWindowMs` before the IP block (Bynder: 4,500 per 5 minutes). */
  blockBudget: number
  blockWindowMs: number
  /** A block ends once this long passes without a request (Bynder: 5 minutes). */
  blockQuietMs: number
  /** How long an accepted (202) metaproperty write takes to show in reads. */
  writeDelayMs: number
  /** The trash's hidden cap on `limit` (none is documented): a short page is not the end. */
  trashMaxLimit: number
  /** Default `strict`; the others let tests prove a client right under each source's reading. */
  limitedReading: LimitedReading
}

export interface TemporaryDownload { assetId: string, file: FakeFile, expiresAt: number }

export interface FakeBynderState {
  baseUrl: string
  /** The S3 stand-in's origin: another port, since S3 is another host than the portal. */
  filesUrl: string
  assets: Map<string, FakeAsset>
  metaproperties: Map<string, FakeMetaproperty>
  trash: TrashedAsset[]
  tokens: Map<string, Set<Right>>
  requests: RequestRecord[]
  writes: WriteRecord[]
  settings: FakeBynderSettings
  failures: Array<{ status: number, remaining: number, message: string }>
  downloads: Map<string, TemporaryDownload>
  /** Arrival times of accepted /api requests, for the per-second limit. */
  recentApiCalls: number[]
  events: EventEmitter<{ assetModified: [AssetModifiedEvent] }>
  /** The WAF block: arrivals in the window; `lastRequestAt` set while blocked. */
  block: { arrivals: number[], lastRequestAt: number | undefined, started: number, refused: number, pinned: boolean }
  /** Accepted writes not applied yet. */
  pendingWrites: Set<Promise<void>>
}

export function createState (settings: Partial<FakeBynderSettings>, tokens: Record<string, readonly Right[]>): FakeBynderState {
  return {
    baseUrl: '',
    filesUrl: '',
    assets: new Map(),
    metaproperties: new Map(),
    trash: [],
    tokens: new Map(Object.entries(tokens).map(([t, rights]) => [t, new Set(rights)])),
    requests: [],
    writes: [],
    settings: { maxRequestsPerSecond: 15, latencyMs: 0, downloadUrlTtlMs: 60_000, trashMaxLimit: 25, writeDelayMs: 30, blockBudget: 4500, blockWindowMs: 300_000, blockQuietMs: 300_000, limitedReading: 'strict', ...settings },
    failures: [],
    downloads: new Map(),
    recentApiCalls: [],
    events: new EventEmitter(),
    pendingWrites: new Set(),
    block: { arrivals: [], lastRequestAt: undefined, started: 0, refused: 0, pinned: false }
  }
}

/** Holds option ids: a select-like type, or any type that has options (a `sidebar` does). */
export function isSelectLike (mp: FakeMetaproperty): boolean {
  return mp.type === 'select' || mp.type === 'select2' || mp.type === 'autocomplete' || mp.options.length > 0
}
