import { Entity } from '@backstage/catalog-model';
import { EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ReactElement } from 'react';
import { releaseCoordinationApiRef } from '../api';
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
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}
