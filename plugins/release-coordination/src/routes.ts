import { createRouteRef } from '@backstage/core-plugin-api';

/** The plugin's root page, `/release-coordination`: the list of trains. */
export const rootRouteRef = createRouteRef({ id: 'release-coordination' });
