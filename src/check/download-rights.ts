import { originalDownloadRoles, type Asset, type BynderClient } from '../clients/bynder/index.js'
import { UpstreamError } from '../clients/upstream-error.js'
import type { Mapping } from '../config/mapping-schema.js'
import { note, warning, type Finding } from './findings.js'

export type DownloadProbeClient = Pick<BynderClient, 'listAssetPage' | 'getDownloadUrl'>

const PATH = ['derivative_to_use']

/**
 * Whether the token can download the originals the mapping links. Bynder has no call that
 * lists a token's roles, so this is a best effort: for one asset of each kind that needs its
 * own role (plain, watermarked, limited-usage, archived when archived assets stay linked), ask
 * for its download URL — which only issues a temporary link, downloads nothing and changes
 * nothing — and warn on a 403, naming the roles. Kinds the portal has no asset of are not tried.
 */
export async function checkDownloadRights (mapping: Mapping, client: DownloadProbeClient, credential: string): Promise<Finding[]> {
  if (mapping.derivative_to_use !== 'original') return []
  const samples = new Map<string, Asset>()
  const passes = [{ archive: false, limited: false }, { archive: false, limited: true }, ...(mapping.asset_unlink_after_archiving ? [] : [{ archive: true, limited: false }])]
  for (const pass of passes) {
    const { assets } = await client.listAssetPage({ ...pass, page: 1, pageSize: 50, orderBy: 'dateModified desc' })
    for (const asset of assets) {
      const kind = originalDownloadRoles(asset).join(', ')
      if (!samples.has(kind)) samples.set(kind, asset)
    }
  }
  if (samples.size === 0) return [note(PATH, `no asset in Bynder (credential ${credential}) to try a download of an original with`)]
  const findings: Finding[] = []
  for (const [roles, asset] of samples) {
    try {
      await client.getDownloadUrl(asset, 'original')
    } catch (error) {
      if (!(error instanceof UpstreamError) || error.status !== 403) throw error
      findings.push(warning(PATH, `the token of credential ${credential} may not download originals like asset ${asset.id} (Bynder answered 403): ` +
        `its user needs the role(s) ${roles}; such assets are not linked until it has them`))
    }
  }
  return findings
}
