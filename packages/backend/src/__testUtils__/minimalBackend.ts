/*
 * A minimal backend for tests that start real backend processes (see backendProcess.ts): the
 * catalog and release coordination, with Backstage's real database, scheduler and HTTP server.
 * Run with tsx and `--config`, as `startBackendProcess` does.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@release-coordination/plugin-release-coordination-backend'));
backend.start();
