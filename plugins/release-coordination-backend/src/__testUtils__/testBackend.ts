import {
  AuditorServiceCreateEventOptions,
  BackendFeature,
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/config';
import { AuthorizeResult, isPermission, Permission } from '@backstage/plugin-permission-common';
import { notificationService } from '@backstage/plugin-notifications-node';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { Knex } from 'knex';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { releaseCoordinationPlugin } from '../plugin';
import { checkAnswersAgainstDocument } from './contract';
import { TrainNotification } from '../trains/announcements';
import { trainManagePermission } from '@release-coordination/plugin-release-coordination-common';
import { ambassadorDecision } from './permissions';

/**
 * The permissions service of every plugin in a test backend, deciding with `policy` as the
 * permission backend would: service principals are allowed, users get the policy's decision
 * with their ownership refs from the user info service, and conditional decisions (e.g. on
 * catalog reads, or on gates for approving) are applied by the plugin that asked.
 *
 * The real permission backend is not used because it refuses the test backend's mock
 * on-behalf-of tokens as direct user requests.
 */
export function policyBackedPermissions(
  policy: PermissionPolicy,
  serviceRestrictions: Record<string, string[]> = {},
) {
  return createServiceFactory({
    service: coreServices.permissions,
    deps: { userInfo: coreServices.userInfo },
    factory: ({ userInfo }) =>
      policyBackedPermissionsService(policy, userInfo, serviceRestrictions),
  });
}

function policyBackedPermissionsService(
  policy: PermissionPolicy,
  userInfo: UserInfoService,
  serviceRestrictions: Record<string, string[]>,
): PermissionsService {
  const decide = async (permission: any, credentials: BackstageCredentials) => {
    const principal = credentials.principal as {
      type: string;
      subject?: string;
      userEntityRef?: string;
    };
    if (principal.type !== 'user') {
      // As Backstage decides for a token with access restrictions: what they list, nothing else.
      const restricted = serviceRestrictions[principal.subject ?? ''];
      const allowed = !restricted || restricted.includes(permission.name);
      return { result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY } as const;
    }
    const info = await userInfo.getUserInfo(credentials);
    const user = { info, identity: { type: 'user', ...info }, token: '' };
    return policy.handle({ permission }, user as any);
  };
  return {
    authorizeConditional: async (requests, { credentials }) =>
      Promise.all(requests.map(r => decide(r.permission, credentials))) as any,
    authorize: async (requests, { credentials }) =>
      Promise.all(
        requests.map(async r => {
          const decision = await decide(r.permission, credentials);
          // Resource checks are not made by these routes; a conditional answer counts as deny.
          return {
            result:
              decision.result === AuthorizeResult.ALLOW
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          };
        }),
      ) as any,
  };
}

/** Every kind the organisations of the tests use. */
const CATALOG_KINDS = [
  'Component',
  'API',
  'System',
  'Domain',
  'Resource',
  'Group',
  'User',
  'Location',
];

/**
 * Waits until the test backend's catalog has processed every entity of `organisation` (catalog
 * YAML). Components alone are not enough: a dependency graph derived while a Group is still
 * being processed lacks that team, and its scorecards and approvers with it.
 */
export async function waitForCatalogEntities(
  server: Parameters<typeof request>[0],
  authorization: string,
  organisation: string,
) {
  const count = organisation.split(/^---\s*$/m).filter(doc => /^kind:/m.test(doc)).length;
  // The Location entities the catalog makes of its configured locations are not counted.
  const kinds = CATALOG_KINDS.filter(kind => kind !== 'Location')
    .map(kind => `filter=kind=${kind.toLowerCase()}`)
    .join('&');
  for (let attempt = 0; attempt < 120; attempt++) {
    const res = await request(server)
      .get(`/api/catalog/entities/by-query?limit=1&${kinds}`)
      .set('Authorization', authorization);
    if (res.body.totalItems === count) return;
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  throw new Error(`The catalog did not process the ${count} entities of the organisation in time`);
}

/** Where the plugin's routes are served in a test backend. */
export const API = '/api/release-coordination';

/** The Authorization header of a signed-in user of the default namespace, e.g. `asUser('bob')`. */
export const asUser = (name: string) => mockCredentials.user.header(`user:default/${name}`);

/** The Authorization header of CI: a service principal, as check and deployment reports come. */
export const CI = mockCredentials.service.header();

/**
 * team-web's storefront depends on team-pay's payments: the organisation most router tests
 * start from, as catalog YAML. Add documents with {@link withEntities}.
 */
export const CHECKOUT_ORGANISATION = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-web }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-pay }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: storefront }
spec: { type: website, lifecycle: production, owner: team-web, dependsOn: [component:payments] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: payments }
spec: { type: service, lifecycle: production, owner: team-pay }
`;

/** The engineering department and its two teams, team-web and team-pay, as catalog YAML. */
export const ENGINEERING_DEPARTMENT = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: engineering }
spec: { type: department, children: [team-web, team-pay] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-web }
spec: { type: team, parent: engineering, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-pay }
spec: { type: team, parent: engineering, children: [] }
`;

/** An organisation (catalog YAML) with more entities, each a YAML document. */
export function withEntities(organisation: string, ...documents: string[]): string {
  return [organisation, ...documents].join('\n---\n');
}

/**
 * Everything is allowed, except the `reserved` permissions: only the release manager
 * (`user:default/admin`) has those outright. A reserved `trainManagePermission` is answered to
 * anyone else as the demo policy answers it: on the trains they are the ambassador of
 * (`IS_AMBASSADOR`, applied by the plugin on the stored train).
 */
export function releaseManagerPolicy(...reserved: Permission[]): PermissionPolicy {
  return {
    async handle(req, user) {
      const isReserved = reserved.some(permission => isPermission(req.permission, permission));
      const isReleaseManager = user?.info.userEntityRef === 'user:default/admin';
      if (isReserved && !isReleaseManager && user) {
        if (isPermission(req.permission, trainManagePermission)) {
          return ambassadorDecision(user.info.ownershipEntityRefs);
        }
      }
      const allowed = !isReserved || isReleaseManager;
      return { result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
    },
  };
}

/**
 * Users of the catalog, by name in the default namespace, as catalog YAML documents: a train's
 * ambassador must be one. Add them to an organisation with {@link withEntities}.
 */
export function catalogUsers(...names: string[]): string[] {
  return names.map(
    name => `apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata: { name: ${name} }\nspec: { memberOf: [] }`,
  );
}

/**
 * The user info service resolving Group membership as the catalog would into ownership refs:
 * each user owns through itself and the Groups `membership` lists for it.
 */
export function userInfoWithMembership(membership: Record<string, string[]>) {
  return mockServices.userInfo.mock({
    getUserInfo: async credentials => {
      const userEntityRef = (credentials.principal as { userEntityRef: string }).userEntityRef;
      return {
        userEntityRef,
        ownershipEntityRefs: [userEntityRef, ...(membership[userEntityRef] ?? [])],
      };
    },
  });
}

/**
 * Differences between the answers of the test backends and the OpenAPI document, found while a
 * test ran; after each test there must be none, so every router test is a contract test too.
 */
const contractDifferences: string[] = [];
afterEach(() => {
  const found = contractDifferences.splice(0);
  // Every test that started a test backend is checked after it ends, in this shared hook.
  // eslint-disable-next-line jest/no-standalone-expect
  expect(found, 'answers that differ from src/schema/openapi.yaml').toEqual([]);
});

/** Checks the answers of a test backend started otherwise against the document, after each test. */
export function checkAgainstDocument(server: Server): void {
  checkAnswersAgainstDocument(server, contractDifferences);
}

/** A started test backend's HTTP server, for supertest. */
export type TestServer = Awaited<ReturnType<typeof startTestBackend>>['server'];

/**
 * Starts a backend with the plugin and the real catalog reading `organisation`, permissions
 * decided by `policy`, and waits until the catalog has processed all of the organisation.
 * Unless told otherwise it then derives the dependency graph through the refresh route (the
 * test backend's scheduler runs the triggered task at once), so that owners and dependencies
 * are known to the routes.
 */
export async function startReleaseCoordinationBackend(options: {
  /** The catalog, as YAML documents. */
  organisation: string;
  policy: PermissionPolicy;
  /** Group membership per user ref; without it users belong to no Group. */
  membership?: Record<string, string[]>;
  /** The `releaseCoordination` configuration, e.g. its stages. */
  config?: JsonObject;
  /** The database to use, e.g. one per engine; an in-memory SQLite one without it. */
  knex?: Knex;
  /** Services in place of the defaults, e.g. an auditor that records the events. */
  features?: BackendFeature[];
  /** Leaves the dependency graph underived: the routes must work without one. */
  skipDependencyRefresh?: boolean;
  /** Service subjects whose tokens carry access restrictions: the permissions they list. */
  serviceRestrictions?: Record<string, string[]>;
}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'release-coordination-catalog-'));
  const file = join(dir, 'org.yaml');
  writeFileSync(file, options.organisation);
  const { server } = await startTestBackend({
    features: [
      releaseCoordinationPlugin,
      // The catalog shares the database: its tables and ours do not meet.
      ...(options.knex ? [mockServices.database.factory({ knex: options.knex })] : []),
      import('@backstage/plugin-catalog-backend'),
      policyBackedPermissions(options.policy, options.serviceRestrictions),
      ...(options.membership ? [userInfoWithMembership(options.membership).factory] : []),
      ...(options.features ?? []),
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          ...(options.config ? { releaseCoordination: options.config } : {}),
          catalog: {
            rules: [{ allow: CATALOG_KINDS }],
            locations: [{ type: 'file', target: file }],
          },
        },
      }),
      mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
    ],
  });
  checkAnswersAgainstDocument(server, contractDifferences);
  await waitForCatalogEntities(server, CI, options.organisation);
  if (!options.skipDependencyRefresh) {
    const refreshed = await request(server)
      .post(`${API}/dependencies/refresh`)
      .set('Authorization', CI);
    // The test backend's scheduler runs the triggered task before it answers.
    if (refreshed.status !== 202) {
      throw new Error(`Deriving the dependency graph answered ${refreshed.status}`);
    }
  }
  return server;
}

/**
 * Requests to the plugin's routes, by path below {@link API}, of the backend that `server`
 * answers: a function, since tests start their backend in `beforeAll`.
 */
export function pluginRoutes(server: () => TestServer) {
  return {
    get: (path: string) => request(server()).get(`${API}${path}`),
    post: (path: string) => request(server()).post(`${API}${path}`),
    put: (path: string) => request(server()).put(`${API}${path}`),
    patch: (path: string) => request(server()).patch(`${API}${path}`),
    del: (path: string) => request(server()).delete(`${API}${path}`),
  };
}

/** A train of the checkout organisation, ambassador alice; `participants` by Component name. */
export function checkoutTrain(
  name: string,
  participants: Record<string, string> = { storefront: '2.0.0', payments: '5.1.0' },
) {
  return {
    name,
    objective: 'Ship one-click checkout',
    ambassadorRef: 'user:default/alice',
    participants: Object.entries(participants).map(([component, targetVersion]) => ({
      entityRef: `component:default/${component}`,
      targetVersion,
    })),
  };
}

/** Creates a train through the API as `authorization` does, and answers the created train. */
export async function createTrainThroughApi(
  server: TestServer,
  train: object,
  authorization: string,
) {
  const res = await request(server)
    .post(`${API}/trains`)
    .send(train)
    .set('Authorization', authorization);
  if (res.status !== 201) {
    throw new Error(`Creating a train answered ${res.status}: ${JSON.stringify(res.body)}`);
  }
  return res.body;
}

/** A train's decision log as the API answers it to a signed-in person: up to 500 entries. */
export async function decisionLog(
  server: TestServer,
  trainId: string,
): Promise<{ items: any[]; totalCount: number }> {
  const res = await request(server)
    .get(`${API}/trains/${trainId}/decisions?limit=500`)
    .set('Authorization', asUser('alice'));
  if (res.status !== 200) {
    throw new Error(`Reading the decision log answered ${res.status}`);
  }
  return res.body;
}

/** The methods of the routes that take input. */
export type BadInputMethod = 'GET' | 'POST' | 'PUT' | 'PATCH';

/**
 * Sends a request that must be refused as bad input: 400 with an `InputError` whose message
 * names the bad field, and nothing written: `written` (counts of what the routes write) reads
 * the same before and after.
 */
export async function expectRefusedAsBadInput(
  server: TestServer,
  call: {
    method: BadInputMethod;
    path: string;
    body?: unknown;
    authorization: string;
    field: RegExp;
  },
  written: () => Promise<unknown>,
) {
  const before = await written();
  const method = call.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch';
  let req = request(server)[method](`${API}${call.path}`);
  if (call.method !== 'GET') req = req.send(call.body as object);
  const res = await req.set('Authorization', call.authorization);
  expect(res.status).toBe(400);
  expect(res.body.error.name).toBe('InputError');
  expect(res.body.error.message).toMatch(call.field);
  expect(await written()).toEqual(before);
}

/** An auditor that keeps every event it is asked to create in `events`. */
export function recordingAuditor(events: AuditorServiceCreateEventOptions[]) {
  return mockServices.auditor.mock({
    createEvent: async options => {
      events.push(options);
      return { success: async () => {}, fail: async () => {} };
    },
  }).factory;
}

/**
 * Waits for the announcements of the requests made so far: they go out after the answer. Done
 * when the recordings stopped growing for a few ticks in a row (at most five seconds).
 */
export async function announcementsDelivered(...recordings: unknown[][]): Promise<void> {
  const sizes = () => recordings.map(recording => recording.length).join(',');
  const deadline = Date.now() + 5000;
  let last = sizes();
  for (let quiet = 0; quiet < 4 && Date.now() < deadline; ) {
    await new Promise(resolve => setTimeout(resolve, 25));
    const now = sizes();
    quiet = now === last ? quiet + 1 : 0;
    last = now;
  }
}

/** A notification service that keeps what it is asked to send in `sent`. */
export function recordingNotifications(sent: TrainNotification[]) {
  return createServiceFactory({
    service: notificationService,
    deps: {},
    factory: () => ({
      send: async (notification: TrainNotification) => {
        sent.push(notification);
      },
    }),
  });
}

/** A signals service that keeps what it is asked to publish in `published`. */
export function recordingSignals(published: { channel: string; message: unknown }[]) {
  return createServiceFactory({
    service: signalsServiceRef,
    deps: {},
    factory: () => ({
      publish: async (signal: { channel: string; message: unknown }) => {
        published.push(signal);
      },
    }),
  });
}
