import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { ADMIN_TOKEN, startRunningWorld, type RunningWorld } from '../../scripts/link-world.js'
import { launchBrowser, type Page } from './console-browser.js'

let world: RunningWorld
let browser: Awaited<ReturnType<typeof launchBrowser>>
const shots = mkdtempSync(join(tmpdir(), 'connector-console-shots-'))
const shoot = async (page: Page, name: string): Promise<void> => { await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true }) }

before(async () => {
  world = await startRunningWorld()
  browser = await launchBrowser()
  console.log(`console screenshots: ${shots}`)
})
after(async () => {
  await browser?.close()
  await world?.close()
})

/** Signs in with the keyboard only: the token field has focus on arrival, Enter submits. */
async function signIn (token = ADMIN_TOKEN): Promise<Page> {
  const page = await browser.newPage()
  await page.goto(`${world.url}/console`)
  await page.waitForFunction("document.activeElement?.id === 'token'")
  await page.keyboard.type(token)
  await page.keyboard.press('Enter')
  return page
}

const text = async (page: Page, selector: string): Promise<string> => (await page.locator(selector).innerText()).trim()

describe('the operator console in Chromium', () => {
  it('refuses a wrong token, saying so, and keeps no token in the session', async () => {
    const page = await signIn('not-the-admin-token-at-all')
    await page.locator('#status:has-text("401")').waitFor()
    assert.match(await text(page, '#status'), /admin token was refused \(401\)/)
    assert.equal(await page.locator('#sign-in-view').isVisible(), true)
    assert.equal(await page.locator('#nav').isVisible(), false, 'no views before signing in')
    assert.equal(await page.evaluate('sessionStorage.length'), 0)
    await shoot(page, 'wrong-token')
    await page.close()
  })

  it('shows a dead task with its reason; Retry makes it run again and it ends done', async () => {
    const asset = world.bynder.addAsset({ name: 'private-url', extension: ['jpg'], isPublic: false, properties: { akeneo_product_sku: ['mug'], akeneo_asset_type: ['image_url'] } })
    await world.notify(asset.id, 'asset_bank.media.create')
    await world.idle(20_000)
    const page = await signIn()
    await page.locator('#view-title:has-text("Inbox health")').waitFor()
    assert.equal(await page.evaluate('document.activeElement?.id'), 'view-title', 'focus moves to the view')
    assert.equal(await text(page, '[data-status="dead"]'), '1')
    assert.equal(await page.evaluate("sessionStorage.getItem('connector-admin-token')"), ADMIN_TOKEN)
    assert.ok(!page.url().includes(ADMIN_TOKEN))
    await shoot(page, 'health')

    await page.getByRole('link', { name: 'Dead tasks' }).click()
    const row = page.locator('tr', { hasText: `asset:bynder:${asset.id}` })
    await row.waitFor()
    assert.match(await row.innerText(), /derivative_to_use/)
    await shoot(page, 'dead-tasks')

    // The cause fixed in Bynder (the original made public), then Retry from the keyboard.
    world.bynder.state.assets.get(asset.id)!.isPublic = true
    await row.getByRole('button', { name: /^Retry task/ }).focus()
    await page.keyboard.press('Enter')
    await page.locator('#status:has-text("pending again")').waitFor()
    await world.idle(20_000)
    await page.getByRole('link', { name: 'Inbox health' }).click()
    await page.locator('[data-status="dead"]:has-text("0")').waitFor()
    assert.equal(await text(page, '[data-status="dead"]'), '0')

    await page.getByRole('link', { name: 'Deliveries' }).click()
    await page.locator('#f-status').selectOption('done')
    await page.getByRole('button', { name: 'Filter' }).click()
    await page.locator('tr', { hasText: `asset:bynder:${asset.id}` }).waitFor()
    await shoot(page, 'deliveries')
    await page.close()
  })

  it('starts a dry-run replay (the default) and shows its planned writes; the link registry is searchable', async () => {
    const asset = world.bynder.addAsset({ name: 'dropped-webhook', extension: ['jpg'], properties: { akeneo_product_sku: ['sunglasses'], akeneo_asset_type: ['Packshot'] } })
    const akeneoWrites = (): number => world.akeneo.requests.filter((r) => r.method !== 'GET' && !r.path.includes('oauth')).length
    const writesBefore = akeneoWrites()
    const page = await signIn()
    await page.getByRole('link', { name: 'Replays' }).click()
    await page.locator('#replay-form').waitFor()
    assert.equal(await page.locator('#r-dry-run').isChecked(), true, 'dry run by default')
    await page.getByLabel('update-properties').uncheck()
    await page.getByLabel('update-mapped-properties').uncheck()
    await page.getByLabel('Window (minutes)').fill('10')
    await page.getByRole('button', { name: 'Start replay' }).click()
    await page.locator('#status:has-text("Replay started")').waitFor()
    const runId = /run (\d+)/.exec(await text(page, '#status'))![1]!
    // The listing runs in the background: show the run again until it is over.
    for (let i = 0; i < 100 && !/— done/.test(await text(page, `#run-${runId}-title`)); i++) {
      await page.getByRole('button', { name: `Show run ${runId}` }).click()
      await page.waitForTimeout(50)
    }
    assert.match(await text(page, `#run-${runId}-title`), /import-assets \(dry run\) — done/)
    const planned = page.locator(`#run-${runId} table`)
    assert.match(await planned.innerText(), /sunglasses/)
    assert.equal(akeneoWrites(), writesBefore, 'a dry run writes nothing to Akeneo')
    await shoot(page, 'replay-dry-run')

    await page.getByRole('link', { name: 'Links' }).click()
    await page.getByLabel('Product identifier or model code').fill('mug')
    await page.getByRole('button', { name: 'Search' }).click()
    await page.locator('td', { hasText: 'product mug' }).first().waitFor()
    assert.ok(!(await page.locator('tbody').innerText()).includes(asset.id), 'a dry run wrote no link')
    await shoot(page, 'links')

    await page.getByRole('link', { name: 'Check' }).click()
    await page.getByRole('button', { name: 'Run the check' }).click()
    await page.locator('#check-summary').waitFor()
    assert.match(await text(page, '#check-summary'), /^check: \d+ errors?, \d+ warnings?/)
    await shoot(page, 'check')
    await page.close()
  })

  it('says when the service cannot be reached', async () => {
    const page = await signIn()
    await page.locator('#view-title').waitFor()
    await page.route('**/events?**', (route) => route.abort('connectionrefused'))
    await page.getByRole('link', { name: 'Dead tasks' }).click()
    await page.locator('#status:has-text("cannot be reached")').waitFor()
    assert.match(await text(page, '#view'), /^Dead tasks\s+Dead tasks could not be loaded.$/)
    await shoot(page, 'unreachable')
    await page.close()
  })
})
