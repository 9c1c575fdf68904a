import { Entity } from '@backstage/catalog-model';
import { EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ReactElement } from 'react';
import { releaseCoordinationApiRef } from '../api';
import { rootRouteRef } from '../routes';
import { FakeApi } from './dependencyFixtures';

/**
 * Renders entity content with a fake release-coordination API, inside a test app where
 * entity links resolve to `/catalog/:namespace/:kind/:name`.
 */
export function renderEntityContent(element: ReactElement, entity: Entity, api: FakeApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[releaseCoordinationApiRef, api]]}>
      <EntityProvider entity={entity}>{element}</EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/release-coordination': rootRouteRef,
      },
    },
  );
}

/**
 * Renders a page of the plugin with fake APIs, inside a test app where the plugin's root is
 * mounted at `/release-coordination` and entity links resolve to the catalog.
 */
export function renderPage(
  element: ReactElement,
  apis: Parameters<typeof TestApiProvider>[0]['apis'],
  options: { routeEntries?: string[] } = {},
) {
  return renderInTestApp(<TestApiProvider apis={apis}>{element}</TestApiProvider>, {
    mountedRoutes: {
      '/catalog/:namespace/:kind/:name': entityRouteRef,
      '/release-coordination': rootRouteRef,
    },
    routeEntries: options.routeEntries,
  });
}
