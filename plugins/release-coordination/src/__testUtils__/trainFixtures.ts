/**
 * Realistic answers of the release-coordination API about trains and gates, for the frontend
 * tests.
 */
import {
  RISK_FACTOR_IDS,
  ReleaseTrainSummary,
  TrainDecision,
  TrainDependencyDrift,
  TrainDetail,
  TrainGate,
  TrainRiskScore,
  TrainRunbook,
  TrainStage,
  TrainStandup,
} from '@release-coordination/plugin-release-coordination-common';

export const TRAIN_ID = '5b0e6a8e-3c1f-4d57-9f0e-1f2a3b4c5d6e';

/** The winter train's stages: planning done, integration current and past its window. */
export const winterStages: TrainStage[] = [
  {
    name: 'planning',
    title: 'Planning',
    window: { start: '2026-11-02T00:00:00Z', end: '2026-11-09T23:59:59Z' },
    status: 'done',
    late: false,
  },
  {
    name: 'integration',
    title: 'Integration',
    window: { start: '2026-11-10T00:00:00Z', end: '2026-11-18T23:59:59Z' },
    status: 'current',
    late: true,
  },
  {
    name: 'validation',
    title: 'Validation',
    window: { start: '2026-11-19T00:00:00Z', end: '2026-11-26T23:59:59Z' },
    status: 'upcoming',
    late: false,
  },
  { name: 'deployment', title: 'Deployment', status: 'upcoming', late: false },
];

export const winterTrain: ReleaseTrainSummary = {
  id: TRAIN_ID,
  name: '2026.12 winter release',
  objective: 'One-click checkout for returning customers',
  ambassadorRef: 'user:default/alice',
  status: 'active',
  currentStage: 'integration',
  stages: winterStages,
  createdAt: '2026-11-02T09:00:00Z',
  updatedAt: '2026-11-20T09:00:00Z',
};

/** A train released before the winter one: every stage done, none late. */
export const autumnTrain: ReleaseTrainSummary = {
  id: '0c7d2f4e-8a6b-4e1d-b3c2-9d8e7f6a5b4c',
  name: '2026.10 autumn release',
  objective: 'Faster search results',
  ambassadorRef: 'user:default/bob',
  status: 'released',
  currentStage: 'deployment',
  stages: [
    {
      name: 'planning',
      title: 'Planning',
      window: { start: '2026-09-01T00:00:00Z', end: '2026-09-07T23:59:59Z' },
      status: 'done',
      late: false,
    },
    {
      name: 'integration',
      title: 'Integration',
      window: { start: '2026-09-08T00:00:00Z', end: '2026-09-20T23:59:59Z' },
      status: 'done',
      late: false,
    },
    { name: 'validation', title: 'Validation', status: 'done', late: false },
    {
      name: 'deployment',
      title: 'Deployment',
      window: { start: '2026-09-28T00:00:00Z', end: '2026-10-02T23:59:59Z' },
      status: 'done',
      late: false,
    },
  ],
  createdAt: '2026-09-01T09:00:00Z',
  updatedAt: '2026-10-02T18:00:00Z',
};

function gate(overrides: Partial<TrainGate> & Pick<TrainGate, 'id' | 'title'>): TrainGate {
  return {
    trainId: TRAIN_ID,
    stage: 'integration',
    phase: 'exit',
    templateId: overrides.id,
    kind: 'approval',
    state: 'pending',
    quorum: 1,
    separationOfDuties: false,
    approvals: [],
    updatedAt: '2026-11-20T09:00:00Z',
    ...overrides,
  };
}

export const ownerApproval = gate({
  id: 'g-owner-checkout',
  title: 'Owner approval',
  participantRef: 'component:default/checkout-api',
  approverRef: 'group:default/team-checkout',
  quorum: 2,
  approvals: [
    {
      userRef: 'user:default/bob',
      decision: 'approve',
      comment: 'Contract tests green, rollback rehearsed',
      decidedAt: '2026-11-19T14:00:00Z',
    },
  ],
});

export const contractTests = gate({
  id: 'g-contract-pricing',
  title: 'Contract tests',
  kind: 'check',
  checkName: 'contract-tests',
  participantRef: 'component:default/pricing-service',
  state: 'failed',
  latestCheck: {
    id: 'c1',
    trainId: TRAIN_ID,
    participantRef: 'component:default/pricing-service',
    checkName: 'contract-tests',
    status: 'failed',
    evidenceUrl: 'https://ci.example.com/runs/812',
    idempotencyKey: 'run-812',
    reportedAt: '2026-11-20T08:00:00Z',
    reporter: 'service:ci',
  },
});

export const ownersRule = gate({
  id: 'g-owners',
  title: 'Every participant has an owner',
  kind: 'rule',
  rule: 'every-participant-has-owner',
  stage: 'planning',
  state: 'passed',
  reason: 'All 2 participants have an owner',
});

export const winterTrainDetail: TrainDetail = {
  ...winterTrain,
  participants: [
    {
      entityRef: 'component:default/checkout-api',
      targetVersion: '4.2.0',
      ownerRef: 'group:default/team-checkout',
    },
    {
      entityRef: 'component:default/pricing-service',
      targetVersion: '2.9.1',
      ownerRef: 'group:default/team-catalog',
    },
  ],
  gates: [ownerApproval, contractTests, ownersRule],
};

export const winterDecisions: TrainDecision[] = [
  {
    // CI acts as a service principal: its actor is a token subject, not an entity ref.
    id: 3,
    trainId: TRAIN_ID,
    actorRef: 'demo-ci',
    action: 'check.reported',
    subject: 'contract-tests',
    createdAt: '2026-11-11T08:00:00Z',
  },
  {
    id: 2,
    trainId: TRAIN_ID,
    actorRef: 'user:default/alice',
    action: 'stage.advanced',
    subject: 'planning',
    reason: 'Planning review done',
    createdAt: '2026-11-10T08:00:00Z',
  },
  {
    id: 1,
    trainId: TRAIN_ID,
    actorRef: 'user:default/alice',
    action: 'train.created',
    subject: TRAIN_ID,
    createdAt: '2026-11-02T09:00:00Z',
  },
];

/** An error as `ReleaseCoordinationClient` throws it: the backend's message in the body. */
export function responseError(status: number, name: string, message: string): Error {
  return Object.assign(new Error(`Request failed with ${status}`), {
    name: 'ResponseError',
    statusCode: status,
    body: { error: { name, message }, response: { statusCode: status } },
  });
}

/** The winter train's dependency drift before its first recorded transition: nothing to compare. */
export const winterDriftNone: TrainDependencyDrift = { trainId: TRAIN_ID, steps: [] };

/** A train's risk score with nothing measured. */
export const lowRisk: TrainRiskScore = {
  trainId: TRAIN_ID,
  score: 0,
  level: 'low',
  factors: RISK_FACTOR_IDS.map(id => ({
    id,
    value: 0,
    fullAt: 1,
    normalized: 0,
    weight: 10,
    contribution: 0,
    detail: 'Nothing measured',
  })),
  computedAt: '2026-12-04T10:00:00.000Z',
};

/** A standup of the winter train in which nothing happened. */
export const quietStandup: TrainStandup = {
  trainId: TRAIN_ID,
  since: '2026-12-03T10:00:00.000Z',
  until: '2026-12-04T10:00:00.000Z',
  trainGates: [],
  teams: [],
  decisions: [],
  decisionCount: 0,
  newCollisions: [],
};

/** The runbook of a train without participants' plans or contacts, with a one-step tree. */
export const emptyRunbook: TrainRunbook = {
  trainId: TRAIN_ID,
  rollbackSteps: [],
  escalation: [],
  decisionTree: { start: 'watch', nodes: [{ id: 'watch', kind: 'action', text: 'Watch.' }] },
};

/**
 * The answers about rollback readiness, feature flags, deployments and the retrospective of a
 * train that has none of them yet: for tests of a train page about its other sections.
 */
export const trainWithoutOutcomesApi = {
  getRollbackReadiness: async () => ({ trainId: TRAIN_ID, maxAgeDays: 90, participants: [] }),
  listFeatureFlags: async () => ({
    items: [],
    totalCount: 0,
    expiringWithinDays: 7,
    counts: { inUse: 0, expired: 0, expiringSoon: 0, removed: 0 },
  }),
  listDeployments: async () => ({ items: [], totalCount: 0 }),
  getCompatibilityMatrix: async () => ({ pairs: [], gapCount: 0 }),
  getTrainCollisions: async () => ({ trainId: TRAIN_ID, collisions: [] }),
  getTrainRisk: async () => lowRisk,
  getTrainStandup: async () => quietStandup,
  getTrainRunbook: async () => emptyRunbook,
  getRetrospective: async () => ({
    trainId: TRAIN_ID,
    notes: {
      'went-well': { items: [], totalCount: 0 },
      'to-improve': { items: [], totalCount: 0 },
    },
    actionItems: { items: [], totalCount: 0 },
    carriedOver: { items: [], totalCount: 0 },
  }),
};

/** A one-page answer of a paged list: its items and their count. */
export function pageOf<T>(page: { items: T[] }): { items: T[]; totalCount: number } {
  return { ...page, totalCount: page.items.length };
}

/** `listIncidents` of a fake API for views that list incidents without a test about them. */
export const noIncidents = async () => ({ items: [], totalCount: 0 });
