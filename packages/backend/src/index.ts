/*
 * The demo/dev backend of release coordination: a real Backstage backend with the catalog
 * (loaded with the demo organisation from examples/), auth, permissions with a real policy,
 * notifications, signals, and the release-coordination plugin.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// Sign-in: guest, and a demo provider that lets a person choose which demo user to act as, so
// that members of different teams can be tried side by side. Only enabled by app-config.yaml.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('./modules/demoSignIn'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./modules/permissionPolicy'));

// Signals and notifications reach every replica through the events backend.
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.add(import('@release-coordination/plugin-release-coordination-backend'));
// Outside development, a guessable CI token stops the backend from starting.
backend.add(import('./modules/ciTokenGuard'));
backend.add(import('./modules/demoHistory'));

backend.start();
