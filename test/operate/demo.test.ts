import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { runCommand } from '../helpers/run-cli.js'

/** `npm run demo` as the README's "Try it" runs it, in its own process. */
const runDemo = async (): Promise<{ code: number | null, out: string }> =>
  await runCommand('npm', ['run', 'demo'], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } })

describe('npm run demo', () => {
  it('shows what the README says it shows, and exits 0 by itself', async () => {
    const { code, out } = await runDemo()
    assert.equal(code, 0, out)
    // Five assets, the archived one linked nowhere, one into the asset collection.
    assert.match(out, /5 assets notified, 5 links in Akeneo/)
    assert.match(out, /asset collection packshots_collection of product sunglasses: \["bynder_/)
    // The README: "the asset's metaproperties in Bynder show the new name and brand".
    assert.match(out, /sunglasses-packshot\s+product_name\s+Travel mug/)
    assert.match(out, /sunglasses-packshot\s+brand\s+ACME_Corporation/)
    // The dropped webhook: a dry run lists the upload and the unlink, then the real run makes them.
    assert.match(out, /would upload product tshirt-blue: application_image_2/)
    assert.match(out, /would unlink product tshirt-red: application_image_2/)
    assert.match(out, /tshirt-red application_image_2 holds null/)
    assert.match(out, /connector_links_total\{change="written"\}/)
  })
})
