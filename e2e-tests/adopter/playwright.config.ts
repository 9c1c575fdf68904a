import { defineConfig } from '@playwright/test';

/**
 * The adopter check's browser test (scripts/adopter-check.sh): a fresh portal outside the
 * repository, built for production, with the published packages installed. The script starts
 * the portal and passes its addresses in ADOPTER_BACKEND_URL and ADOPTER_APPS.
 */
export default defineConfig({
  testDir: '.',
  outputDir: process.env.ADOPTER_RESULTS ?? '../../test-results/adopter',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  reporter: [['list']],
  use: {
    viewport: { width: 1280, height: 900 },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
