import { defineConfig } from 'vitest/config';

const NODE_TESTS = [
  'plugins/release-coordination-backend/src/**/*.test.ts',
  'plugins/release-coordination-common/src/**/*.test.ts',
  'plugins/release-coordination-node/src/**/*.test.ts',
  'packages/backend/src/**/*.test.ts',
];

// They start Backstage's real auth services, whose token library (jose) is loaded as an ES
// module through `require`.
const NODE_LOADER_TESTS = [
  'packages/backend/src/modules/demoSignIn.test.ts',
  'packages/backend/src/ciTokenScope.test.ts',
  'packages/backend/src/appConfig.test.ts',
];

const nodeProject = {
  globals: true,
  setupFiles: ['./vitest.setup.ts'],
  // Database tests start engines and migrate; give them room on a 2-core machine.
  testTimeout: 60_000,
  hookTimeout: 120_000,
};

/**
 * One vitest run for the whole workspace, in three projects: `node` for the backend, common and
 * node packages (`node-loader` for the few files that need Node's own module loader); `jsdom`
 * for the frontend plugin and the app.
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
          // Backstage's backend packages are loaded once per worker and each test file runs in
          // a fresh VM context over them: about 40% less CPU than a new process per file.
          pool: 'vmForks',
          ...nodeProject,
          include: NODE_TESTS,
          exclude: NODE_LOADER_TESTS,
        },
      },
      {
        // Files whose dependencies load ES modules through `require`, which only Node's own
        // module loader does.
        test: {
          name: 'node-loader',
          environment: 'node',
          ...nodeProject,
          include: NODE_LOADER_TESTS,
        },
      },
      {
        test: {
          name: 'jsdom',
          environment: 'jsdom',
          // jsdom, React, MUI and Backstage's frontend packages are loaded once per worker and
          // each test file runs in a fresh VM context over them: the default pool set them up
          // again for every file, which took about 40% more CPU for the same tests.
          pool: 'vmThreads',
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
