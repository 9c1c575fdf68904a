import { defineConfig } from '@playwright/test';

/**
 * Browser tests against the real demo portal (`npm start`): real backend, real catalog, real
 * SQLite, Debian's Chromium. Browsers are never downloaded: set CHROMIUM_PATH to use another
 * binary than /usr/bin/chromium.
 */
export default defineConfig({
  testDir: './e2e-tests',
  // The adopter check runs its own spec against a fresh portal (scripts/adopter-check.sh).
  testIgnore: ['adopter/**'],
  outputDir: 'test-results',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: 'http://localhost:3000',
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
  webServer: [
    {
      // The portal as a user starts it; the backend answers readiness once plugins are up.
      command: 'npm start',
      url: 'http://localhost:7007/.backstage/health/v1/readiness',
      reuseExistingServer: !process.env.CI,
      timeout: 300_000,
      // The portal's request log is long; set E2E_PORTAL_LOGS=1 to see it.
      stdout: process.env.E2E_PORTAL_LOGS ? 'pipe' : 'ignore',
      stderr: 'pipe',
    },
    {
      command: 'true',
      url: 'http://localhost:3000',
      reuseExistingServer: true,
      timeout: 300_000,
    },
  ],
});
