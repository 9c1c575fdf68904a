import { defineConfig } from 'vitest/config';

/**
 * One vitest run for the whole workspace, in two projects: `node` for the backend, common and
 * node packages; `jsdom` for the frontend plugin and the app.
 */
export default defineConfig({
  test: {
    // Every test by name, so a run shows e.g. the migrations passing on each database engine.
    reporters: ['verbose'],
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          globals: true,
          setupFiles: ['./vitest.setup.ts'],
          include: [
            'plugins/release-coordination-backend/src/**/*.test.ts',
            'plugins/release-coordination-common/src/**/*.test.ts',
            'plugins/release-coordination-node/src/**/*.test.ts',
            'packages/backend/src/**/*.test.ts',
          ],
          // Database tests start engines and migrate; give them room on a 2-core machine.
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'jsdom',
          environment: 'jsdom',
          globals: true,
          setupFiles: ['./vitest.setup.ts', './vitest.setup.jsdom.ts'],
          include: [
            'plugins/release-coordination/src/**/*.test.{ts,tsx}',
            'packages/app/src/**/*.test.{ts,tsx}',
          ],
          server: { deps: { inline: ['material-ui-popup-state'] } },
          testTimeout: 30_000,
        },
      },
    ],
  },
});
