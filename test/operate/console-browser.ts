import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'

/** Debian's Chromium (installed by .ci/run), headless, with its own throwaway profile. */
export async function launchBrowser (): Promise<{ browser: BrowserContext, newPage: () => Promise<Page>, close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'connector-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1280, height: 900 }
  })
  return {
    browser: context,
    newPage: async () => await context.newPage(),
    close: async () => {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    }
  }
}

export type { Browser, Page }
