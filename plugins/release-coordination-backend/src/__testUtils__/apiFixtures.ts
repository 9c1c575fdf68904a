import request from 'supertest';
import { validExample, WriteOperation } from './fuzzInputs';
import {
  API,
  asUser,
  catalogUsers,
  CHECKOUT_ORGANISATION,
  checkoutTrain,
  createTrainThroughApi,
  TestServer,
  withEntities,
} from './testBackend';

/**
 * What requests to every operation of the API start from, shared by the fuzz suite and the
 * authorization matrix: an organisation, valid bodies, and a fresh train with a gate, a note,
 * an action item and a flag, an incident of payments and a freeze, to fill the path parameters.
 */

/** The checkout organisation, and ledger, which takes part in no train until it is added. */
export const ORGANISATION = withEntities(
  CHECKOUT_ORGANISATION,
  `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: ledger }
spec: { type: service, lifecycle: production, owner: team-pay }
`,
  ...catalogUsers('alice', 'zoe'),
  // The catalog says who is in which team as the user info does (see MEMBERSHIP below): a
  // cadence's roster is checked against the catalog.
  `apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: bob }
spec: { memberOf: [team-pay] }`,
  `apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: admin }
spec: { memberOf: [team-web, team-pay] }`,
);

/**
 * admin may do everything and belongs to both teams; zoe is a plain user of neither; bob is of
 * team-pay, which owns payments; alice is the ambassador of the trains.
 */
export const POWERFUL = 'admin';
export const PLAIN = 'zoe';
export const MEMBERSHIP = {
  'user:default/admin': ['group:default/team-web', 'group:default/team-pay'],
  'user:default/bob': ['group:default/team-pay'],
};

export const PAYMENTS = 'component:default/payments';
export const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** Valid field values by property name: entities of the organisation, dates the rules accept. */
export const FIELD_VALUES: Record<string, unknown> = {
  entityRef: PAYMENTS,
  participantRef: PAYMENTS,
  entityRefs: [PAYMENTS],
  ambassadorRef: 'user:default/alice',
  ownerRef: 'group:default/team-pay',
  'date-time': inDays(3),
};

/** Valid bodies that the schema alone does not give: the rules of the domain decide. */
export const VALID_BODIES: Record<string, (values?: Record<string, string>) => unknown> = {
  // payments and storefront take part already.
  addParticipant: () => ({ entityRef: 'component:default/ledger', targetVersion: '1.0.0' }),
  // Deployments and rehearsals are reported once they happened.
  reportDeployment: () => ({
    participantRef: PAYMENTS,
    environment: 'production',
    deploymentId: 'deploy-1',
    startedAt: inDays(-1),
  }),
  reportIncident: () => ({
    externalId: 'INC-1',
    title: 'Payments time out',
    entityRef: PAYMENTS,
    severity: 'high',
    startedAt: inDays(-1),
  }),
  attributeIncident: () => ({ state: 'no-deployment', comment: 'A cloud outage' }),
  // A note on an incident: answered, nothing recorded.
  reportPagerDutyIncident: () => ({
    event: {
      event_type: 'incident.annotated',
      resource_type: 'incident',
      occurred_at: inDays(-1),
      data: { type: 'incident_note', content: 'Rolling back' },
    },
  }),
  // A freeze next month: nothing the other operations do is frozen.
  declareFreeze: () => ({ startsAt: inDays(30), endsAt: inDays(33), reason: 'Audit' }),
  reportIndicators: () => ({
    entityRef: PAYMENTS,
    key: 'run-1',
    measuredAt: inDays(-1),
    review: { mergedChanges: 4, reviewedChanges: 4 },
  }),
  declareDeployIncident: () => ({ participantRefs: [PAYMENTS], summary: 'Payments time out after wave 1' }),
  registerReviewRisk: () => ({
    title: 'Provider rate limits',
    ownerRef: 'group:default/team-pay',
    likelihood: 'medium',
    impact: 'high',
  }),
  updateReviewRisk: () => ({ mitigation: 'Back off with jitter', status: 'mitigated' }),
  signOffReview: () => ({ teamRef: 'group:default/team-pay' }),
  createCadence: () => ({
    name: `Fortnightly ${Math.random().toString(36).slice(2, 8)}`,
    intervalDays: 14,
    firstStart: inDays(1),
    stageOffsets: [
      { stage: 'planning', startDay: 0, endDay: 3 },
      { stage: 'deployment', startDay: 10, endDay: 12 },
    ],
    teamRefs: ['group:default/team-pay'],
  }),
  setCadenceRoster: () => ({ memberRefs: ['user:default/bob', 'user:default/admin'] }),
  // Naming alice, as for a new train: only she and release managers may.
  createCadenceTrain: () => ({
    objective: 'The next fortnight',
    ambassadorRef: 'user:default/alice',
    participants: [{ entityRef: PAYMENTS, targetVersion: '6.0.0' }],
  }),
  recordRotationChange: () => ({
    kind: 'skip',
    memberRef: 'user:default/bob',
    reason: 'On leave',
  }),
  addCadenceHandover: (values?: Record<string, string>) => ({
    trainId: values?.cadenceTrainId,
    note: 'Watch the payments canary closely',
  }),
  reportRollbackDrill: () => ({
    entityRef: PAYMENTS,
    result: 'passed',
    rehearsedAt: inDays(-1),
    idempotencyKey: 'drill-1',
  }),
};

/**
 * The answers the valid request may get other than 2xx: the planning stage's gates wait for
 * approvals, so advancing is refused as a conflict, after every check of the input.
 */
export const VALID_CONFLICTS = new Set(['advanceStage']);

export function validBody(operation: WriteOperation, values?: Record<string, string>): unknown {
  const custom = VALID_BODIES[operation.operationId];
  if (custom) return custom(values);
  return operation.bodySchema ? validExample(operation.bodySchema, FIELD_VALUES) : undefined;
}

/**
 * A fresh train of admin's and what hangs off it, as the values of the path parameters: each
 * operation is fuzzed against a train no earlier operation cancelled or advanced. The valid
 * request goes first, so an operation that closes the train (cancel, roll back) is fuzzed
 * against the closed train: the input checks come before the state checks either way.
 */
export async function freshTrain(server: TestServer, name: string): Promise<Record<string, string>> {
  const authorization = asUser(POWERFUL);
  const train = await createTrainThroughApi(server, checkoutTrain(name), authorization);
  const post = async (path: string, body: object) => {
    const res = await request(server)
      .post(`${API}/trains/${train.id}${path}`)
      .send(body)
      .set('Authorization', authorization);
    if (res.status !== 201) throw new Error(`POST ${path} answered ${res.status}`);
    return res.body.id as string;
  };
  const gate = train.gates.find(
    (g: any) => g.templateId === 'planning-participation' && g.participantRef === PAYMENTS,
  );
  const incident = await request(server)
    .post(`${API}/incidents`)
    .send({
      externalId: `INC-${name}`,
      title: 'Payments time out',
      entityRef: PAYMENTS,
      severity: 'high',
      startedAt: inDays(-1),
    })
    .set('Authorization', authorization);
  if (incident.status !== 201) throw new Error(`POST /incidents answered ${incident.status}`);
  const freeze = await request(server)
    .post(`${API}/freezes`)
    .send({ startsAt: inDays(40), endsAt: inDays(41), reason: `Freeze of ${name}` })
    .set('Authorization', authorization);
  if (freeze.status !== 201) throw new Error(`POST /freezes answered ${freeze.status}`);
  // A cadence of team-pay with bob on its roster, and its first train, run by alice.
  const cadence = await request(server)
    .post(`${API}/cadences`)
    .send({ ...(VALID_BODIES.createCadence() as object), name: `Cadence ${name}` })
    .set('Authorization', authorization);
  if (cadence.status !== 201) throw new Error(`POST /cadences answered ${cadence.status}`);
  const roster = await request(server)
    .put(`${API}/cadences/${cadence.body.id}/roster`)
    .send({ memberRefs: ['user:default/bob'] })
    .set('Authorization', authorization);
  if (roster.status !== 200) throw new Error(`PUT roster answered ${roster.status}`);
  const cadenceTrain = await request(server)
    .post(`${API}/cadences/${cadence.body.id}/trains`)
    .send(VALID_BODIES.createCadenceTrain() as object)
    .set('Authorization', authorization);
  if (cadenceTrain.status !== 201) {
    throw new Error(`POST cadence train answered ${cadenceTrain.status}`);
  }
  return {
    trainId: train.id,
    incidentId: incident.body.id,
    freezeId: freeze.body.id,
    cadenceId: cadence.body.id,
    cadenceTrainId: cadenceTrain.body.id,
    gateId: gate.id,
    entityRef: encodeURIComponent(PAYMENTS),
    noteId: await post('/retrospective/notes', { column: 'went-well', text: 'Smooth' }),
    itemId: await post('/action-items', { title: 'Rehearse', ownerRef: 'group:default/team-pay' }),
    riskId: await post('/review/risks', {
      title: 'Provider rate limits',
      ownerRef: 'group:default/team-pay',
      likelihood: 'low',
      impact: 'medium',
    }),
    flagId: await post('/flags', {
      participantRef: PAYMENTS,
      key: 'one-click',
      ownerRef: 'group:default/team-pay',
      purpose: 'Dark launch',
      expiresAt: inDays(10),
    }),
  };
}

export function pathOf(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => values[name]);
}
