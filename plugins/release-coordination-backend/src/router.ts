import express from 'express';
import { nameEveryInvalidField, refuseNulCharacters } from './http/requestErrors';
import { createOpenApiRouter } from './schema/openapi/generated';

export interface RouterOptions {
  /** The routes of each feature: trains, dependencies, outcomes, retrospectives and so on. */
  resourceRouters: express.Router[];
}

/**
 * The plugin's HTTP routes: one JSON body parser, validation of every request against the
 * OpenAPI document (`src/schema/openapi.yaml`: path parameters, query and body; a 400 names each
 * bad field), the refusal of text holding NUL, then each feature's router. Every route requires
 * a user or service principal; the backend's http router answers 401 to requests without
 * credentials before they reach us.
 */
export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const router = await createOpenApiRouter({
    middleware: [express.json({ limit: '1mb' })],
    // Credentials are checked by the backend's http router and `httpAuth` (tokens, cookies,
    // service principals), not by the validator from the document's security scheme.
    validatorOptions: {
      validateSecurity: false,
      // As the validated router's defaults, but reporting every bad field, not only the first.
      validateRequests: { allErrors: true, coerceTypes: false, allowUnknownQueryParameters: false },
    },
  });
  nameEveryInvalidField(router);
  router.use(refuseNulCharacters);
  for (const resourceRouter of options.resourceRouters) {
    router.use(resourceRouter);
  }
  return router;
}
