/**
 * Realistic answers of the release-coordination API for the demo organisation in
 * `examples/`, for the frontend tests.
 */
import { Entity } from '@backstage/catalog-model';
import {
  DependencyEdge,
  DependencySnapshotInfo,
  ReachedEntity,
  ReleaseCoordinationApi,
  TeamMatrixCell,
} from '@release-coordination/plugin-release-coordination-common';

export const snapshot: DependencySnapshotInfo = {
  version: 7,
  derivedAt: '2026-11-20T09:57:00Z',
  ageSeconds: 180,
  nodeCount: 58,
  edgeCount: 131,
  problemCount: 3,
  durationMs: 240,
};

export const emptySnapshot: DependencySnapshotInfo = {
  ...snapshot,
  version: 0,
  nodeCount: 0,
  edgeCount: 0,
  problemCount: 0,
};

export function entity(kind: string, name: string, owner?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', ...(owner ? { owner } : {}) },
  };
}

export const checkoutApi = entity('Component', 'checkout-api', 'group:default/team-checkout');
export const pricingService = entity('Component', 'pricing-service', 'group:default/team-catalog');
export const checkoutSystem = entity('System', 'checkout', 'group:default/team-checkout');
export const legacyReporting = entity(
  'Component',
  'legacy-reporting',
  'group:default/team-legacy-reports',
);
export const teamCheckout: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-checkout', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

function edge(from: string, to: string, apis: string[] = [], dependsOn = false): DependencyEdge {
  return { from, to, apis, dependsOn };
}

function reached(
  ref: string,
  owner: string | undefined,
  path: string[],
  via: DependencyEdge,
): ReachedEntity {
  return { ref, owner, depth: path.length, path, via };
}

export const checkoutApiDependencies = {
  snapshot,
  node: {
    ref: 'component:default/checkout-api',
    kind: 'Component',
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/team-checkout',
    system: 'system:default/checkout',
    domain: 'domain:default/payments',
  },
  upstream: [
    reached(
      'component:default/payment-gateway',
      'group:default/team-payments-core',
      ['component:default/payment-gateway'],
      edge('component:default/checkout-api', 'component:default/payment-gateway', [
        'api:default/payment-api',
      ]),
    ),
    reached(
      'component:default/cart-service',
      'group:default/team-checkout',
      ['component:default/cart-service'],
      edge('component:default/checkout-api', 'component:default/cart-service', [], true),
    ),
  ],
  downstream: [
    reached(
      'component:default/checkout-web',
      'group:default/team-checkout',
      ['component:default/checkout-web'],
      edge(
        'component:default/checkout-web',
        'component:default/checkout-api',
        ['api:default/checkout-public-api'],
        true,
      ),
    ),
    reached(
      'component:default/storefront-bff',
      'group:default/team-storefront',
      ['component:default/storefront-bff'],
      edge(
        'component:default/storefront-bff',
        'component:default/checkout-api',
        ['api:default/checkout-public-api'],
        true,
      ),
    ),
  ],
  problems: [],
};

/** At depth 2, payment-gateway pulls in the ledger. */
export const checkoutApiDependenciesDepth2 = {
  ...checkoutApiDependencies,
  upstream: [
    ...checkoutApiDependencies.upstream,
    reached(
      'component:default/ledger-service',
      'group:default/team-payments-core',
      ['component:default/payment-gateway', 'component:default/ledger-service'],
      edge('component:default/payment-gateway', 'component:default/ledger-service', [
        'api:default/ledger-api',
      ]),
    ),
  ],
};

export const checkoutApiBlastRadius = {
  snapshot,
  entityRef: 'component:default/checkout-api',
  totalCount: 3,
  groups: [
    {
      owner: 'group:default/team-checkout',
      entities: [checkoutApiDependencies.downstream[0]],
    },
    {
      owner: 'group:default/team-storefront',
      entities: [
        checkoutApiDependencies.downstream[1],
        reached(
          'component:default/storefront-web',
          'group:default/team-storefront',
          ['component:default/storefront-bff', 'component:default/storefront-web'],
          edge('component:default/storefront-web', 'component:default/storefront-bff', [], true),
        ),
      ],
    },
  ],
};

export const checkoutApiWaves = {
  snapshot,
  plan: {
    waves: [
      {
        index: 0,
        members: ['component:default/cart-service', 'component:default/payment-gateway'],
        cycle: false,
      },
      { index: 1, members: ['component:default/checkout-api'], cycle: false },
    ],
    cycles: [],
    unknown: [],
  },
};

const cycleMembers = [
  'component:default/inventory-service',
  'component:default/pricing-service',
  'component:default/promotions-service',
];

export const pricingServiceDependencies = {
  snapshot,
  node: {
    ref: 'component:default/pricing-service',
    kind: 'Component',
    owner: 'group:default/team-catalog',
  },
  upstream: [
    reached(
      'component:default/inventory-service',
      'group:default/team-catalog',
      ['component:default/inventory-service'],
      edge('component:default/pricing-service', 'component:default/inventory-service', [
        'api:default/inventory-api',
      ]),
    ),
  ],
  downstream: [
    reached(
      'component:default/promotions-service',
      'group:default/team-catalog',
      ['component:default/promotions-service'],
      edge('component:default/promotions-service', 'component:default/pricing-service', [
        'api:default/pricing-api',
      ]),
    ),
  ],
  problems: [{ type: 'cycle' as const, members: cycleMembers }],
};

export const pricingServiceWaves = {
  snapshot,
  plan: {
    waves: [{ index: 0, members: cycleMembers, cycle: true }],
    cycles: [cycleMembers],
    unknown: [],
  },
};

function cell(fromTeam: string, toTeam: string, count: number): TeamMatrixCell {
  return { fromTeam: `group:default/${fromTeam}`, toTeam: `group:default/${toTeam}`, count };
}

export const checkoutMatrix = {
  snapshot,
  scope: 'system:default/checkout',
  matrix: {
    teams: [
      'group:default/team-checkout',
      'group:default/team-fraud',
      'group:default/team-payments-core',
      'unowned',
    ],
    cells: [
      cell('team-checkout', 'team-checkout', 7),
      cell('team-checkout', 'team-payments-core', 4),
      cell('team-checkout', 'team-fraud', 1),
      { fromTeam: 'unowned', toTeam: 'group:default/team-checkout', count: 1 },
    ],
  },
  nodeCount: 9,
  edgeCount: 13,
  crossTeamEdgeCount: 6,
  unowned: ['component:default/legacy-reporting'],
  cycles: [],
};

/** A scope of 30 teams: team-00 has the most edges, team-29 the fewest. */
export function largeMatrix() {
  const teams = Array.from({ length: 30 }, (_, i) => `team-${String(i).padStart(2, '0')}`);
  // Every team depends on the next one, with counts falling along the list.
  const cells = teams.slice(0, -1).map((team, i) => cell(team, teams[i + 1], 60 - 2 * i));
  return {
    ...checkoutMatrix,
    scope: 'domain:default/payments',
    matrix: { teams: teams.map(team => `group:default/${team}`), cells },
    unowned: [],
  };
}

export function checkoutEdges(offset: number, limit: number, totalCount = 4) {
  const all = Array.from({ length: totalCount }, (_, i) => ({
    from: i === 0 ? 'component:default/checkout-api' : `component:default/order-worker-${i}`,
    to: 'component:default/payment-gateway',
    dependsOn: i > 0,
    apis: i === 0 ? ['api:default/payment-api'] : [],
    fromOwner: 'group:default/team-checkout',
    toOwner: 'group:default/team-payments-core',
  }));
  return { snapshot, totalCount, items: all.slice(offset, offset + limit) };
}

export const checkoutApiOwnership = {
  snapshot,
  ownership: {
    entityRef: 'component:default/checkout-api',
    owner: 'group:default/team-checkout',
    ownerGroup: {
      ref: 'group:default/team-checkout',
      title: 'Checkout',
      type: 'team',
      parent: 'group:default/payments-dept',
      members: ['user:default/alice', 'user:default/bob'],
    },
    members: [
      { ref: 'user:default/alice', title: 'Alice Archer', email: 'alice@acme.example' },
      { ref: 'user:default/bob', title: 'Bob Baker' },
    ],
    escalationPath: [
      {
        ref: 'group:default/payments-dept',
        type: 'department',
        parent: 'group:default/acme',
        members: ['user:default/oscar'],
      },
      { ref: 'group:default/acme', type: 'organization', members: [] },
    ],
    owns: [],
    dependsOnTeams: [
      { team: 'group:default/team-payments-core', count: 4 },
      { team: 'group:default/team-fraud', count: 1 },
    ],
    dependedOnByTeams: [{ team: 'group:default/team-storefront', count: 2 }],
    warnings: [],
  },
};

export const legacyReportingOwnership = {
  snapshot,
  ownership: {
    entityRef: 'component:default/legacy-reporting',
    owner: 'group:default/team-legacy-reports',
    members: [],
    escalationPath: [],
    owns: [],
    dependsOnTeams: [{ team: 'group:default/team-checkout', count: 1 }],
    dependedOnByTeams: [],
    warnings: ['Owner group:default/team-legacy-reports is not in the catalog'],
  },
};

/** A request that never answers, to see the loading state. */
export function pending<T>(): Promise<T> {
  return new Promise<T>(() => {});
}

/** A 404 as `ReleaseCoordinationClient` throws it (a `ResponseError` with the backend's body). */
export function notFound(message: string): Error {
  return Object.assign(new Error(message), {
    name: 'ResponseError',
    response: { status: 404 },
    body: { error: { name: 'NotFoundError', message } },
  });
}

export type FakeApi = Partial<ReleaseCoordinationApi>;
