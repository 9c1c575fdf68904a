import express from 'express';
import Router from 'express-promise-router';

export interface RouterOptions {
  /** The routes of each feature: trains, dependencies, outcomes, retrospectives and so on. */
  resourceRouters: express.Router[];
}

/**
 * The plugin's HTTP routes: one JSON body parser, then each feature's router. Every route
 * requires a user or service principal; the backend's http router answers 401 to requests
 * without credentials before they reach us.
 */
export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const router = Router();
  router.use(express.json({ limit: '1mb' }));
  for (const resourceRouter of options.resourceRouters) {
    router.use(resourceRouter);
  }
  return router;
}
