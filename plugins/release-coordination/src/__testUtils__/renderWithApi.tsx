import { Entity } from '@backstage/catalog-model';
import { identityApiRef } from '@backstage/core-plugin-api';
import { EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import { PermissionApi, permissionApiRef } from '@backstage/plugin-permission-react';
import { mockApis, renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ReactElement } from 'react';
import { releaseCoordinationApiRef } from '../api';
import { cadencesRouteRef, rootRouteRef } from '../routes';
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

/** Who is signed in when a test does not say: neither the ambassador nor an approver. */
export const VIEWER_REF = 'user:default/carol';

/** The signed-in user, for the identity API. */
export function signedInAs(userEntityRef: string) {
  return mockApis.identity({ userEntityRef, ownershipEntityRefs: [userEntityRef] });
}

/** What the permission policy answers: allow, deny, or no answer yet (it keeps loading). */
export type PolicyAnswer = 'allow' | 'deny' | 'pending';

/**
 * A permission API that answers as `decide` says, given the permission's name and, for
 * resource permissions, the resource ref (e.g. a gate id).
 *
 * `usePermission` keeps its answers in a cache shared by every test of a file, keyed by
 * permission and resource ref. A test file must therefore give each permission (and resource)
 * one answer throughout; tests that need another answer for the same key live in another file.
 */
export function fakePermissionApi(
  decide: (name: string, resourceRef?: string) => PolicyAnswer,
): PermissionApi & { authorize: ReturnType<typeof vi.fn> } {
  return {
    authorize: vi.fn(async (request: EvaluatePermissionRequest) => {
      const resourceRef = isResourcePermission(request.permission)
        ? (request as { resourceRef?: string }).resourceRef
        : undefined;
      const answer = decide(request.permission.name, resourceRef);
      if (answer === 'pending') return new Promise<never>(() => {});
      return { result: answer === 'allow' ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
    }),
  };
}

/**
 * Renders a page of the plugin with fake APIs, inside a test app where the plugin's root is
 * mounted at `/release-coordination`, the cadences at `/release-coordination/cadences`, and
 * entity links resolve to the catalog. Unless the test gives its own, {@link VIEWER_REF} is
 * signed in and the permission policy allows everything.
 */
export function renderPage(
  element: ReactElement,
  apis: Parameters<typeof TestApiProvider>[0]['apis'],
  options: { routeEntries?: string[] } = {},
) {
  // Later pairs win: the test's own APIs replace these defaults.
  const withDefaults = [
    [permissionApiRef, fakePermissionApi(() => 'allow')],
    [identityApiRef, signedInAs(VIEWER_REF)],
    ...apis,
  ] as Parameters<typeof TestApiProvider>[0]['apis'];
  return renderInTestApp(<TestApiProvider apis={withDefaults}>{element}</TestApiProvider>, {
    mountedRoutes: {
      '/catalog/:namespace/:kind/:name': entityRouteRef,
      '/release-coordination': rootRouteRef,
      '/release-coordination/cadences': cadencesRouteRef,
    },
    routeEntries: options.routeEntries,
  });
}
