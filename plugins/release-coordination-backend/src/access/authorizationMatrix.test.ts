import {
  checkReportPermission,
  dependenciesRefreshPermission,
  deploymentReportPermission,
  deployReadinessReadPermission,
  freezeManagePermission,
  cadenceManagePermission,
  gateWaivePermission,
  incidentAttributePermission,
  incidentReportPermission,
  indicatorReportPermission,
  trainManagePermission,
} from '@release-coordination/plugin-release-coordination-common';
import { Knex } from 'knex';
import request from 'supertest';
import { spec } from '../schema/openapi/generated/router';
import {
  freshTrain,
  MEMBERSHIP,
  ORGANISATION,
  PAYMENTS,
  pathOf,
  validBody,
} from '../__testUtils__/apiFixtures';
import { createTestDatabases } from '../__testUtils__/databases';
import { WriteOperation } from '../__testUtils__/fuzzInputs';
import {
  API,
  asUser,
  releaseManagerPolicy,
  startReleaseCoordinationBackend,
  TestServer,
} from '../__testUtils__/testBackend';

/**
 * Who may call what: every operation of the OpenAPI document, as each kind of caller, against
 * one expected answer per cell. `U` is 401 (not signed in), `D` is 403 (refused by the policy,
 * Group membership or the token's restrictions), `A` means authorization let the request
 * through (whatever the domain then says, never 401, 403 or 5xx). An operation added to the
 * document without a row here fails the test.
 *
 * The policy is a release manager's (`admin`) for the reserved permissions, and on trains their
 * ambassador's (`IS_AMBASSADOR`) for managing; CI's token carries the access restrictions of
 * the app-config: the check, deployment, incident and indicator report permissions and deploy
 * readiness only.
 */
type Cell = 'U' | 'D' | 'A';
const ROLES = ['anonymous', 'outsider', 'owner', 'ambassador', 'releaseManager', 'ci'] as const;
type Role = (typeof ROLES)[number];

/** Who each role is: zoe belongs to no team, bob to team-pay (owner of payments). */
const AUTHORIZATION: Record<Role, string | undefined> = {
  anonymous: undefined,
  outsider: asUser('zoe'),
  owner: asUser('bob'),
  ambassador: asUser('alice'),
  releaseManager: asUser('admin'),
  ci: `Bearer mock-service-token:${JSON.stringify({ sub: 'external:ci' })}`,
};

/** What app-config lets CI's token do: this plugin's reports and deploy readiness only. */
const CI_RESTRICTIONS = [
  checkReportPermission.name,
  deploymentReportPermission.name,
  deployReadinessReadPermission.name,
  incidentReportPermission.name,
  indicatorReportPermission.name,
];

// anonymous, outsider, owner (team-pay), ambassador (alice), release manager (admin), CI.
const EXPECTED: Record<string, [Cell, Cell, Cell, Cell, Cell, Cell]> = {
  // Trains: everyone signed in reads; the ambassador and release managers run them.
  listTrains: ['U', 'A', 'A', 'A', 'A', 'D'],
  createTrain: ['U', 'D', 'D', 'A', 'A', 'D'],
  getTrain: ['U', 'A', 'A', 'A', 'A', 'D'],
  updateTrain: ['U', 'D', 'D', 'A', 'A', 'D'],
  addParticipant: ['U', 'D', 'D', 'A', 'A', 'D'],
  updateParticipant: ['U', 'D', 'D', 'A', 'A', 'D'],
  removeParticipant: ['U', 'D', 'D', 'A', 'A', 'D'],
  getDependencyDrift: ['U', 'A', 'A', 'A', 'A', 'D'],
  advanceStage: ['U', 'D', 'D', 'A', 'A', 'D'],
  cancelTrain: ['U', 'D', 'D', 'A', 'A', 'D'],
  rollBackTrain: ['U', 'D', 'D', 'A', 'A', 'D'],
  listDecisions: ['U', 'A', 'A', 'A', 'A', 'D'],
  // Check results: CI, or a person the policy allows.
  reportCheck: ['U', 'D', 'D', 'D', 'A', 'A'],
  // The payments team's approval: its members decide it; nobody else, not even the
  // ambassador; a release manager only waives it.
  approveGate: ['U', 'D', 'A', 'D', 'A', 'D'],
  rejectGate: ['U', 'D', 'A', 'D', 'A', 'D'],
  waiveGate: ['U', 'D', 'D', 'D', 'A', 'D'],
  listEntityTrains: ['U', 'A', 'A', 'A', 'A', 'D'],
  // A service belongs to no Group: it has no approvals waiting.
  listMyApprovals: ['U', 'A', 'A', 'A', 'A', 'D'],
  // The dependency graph: what the catalog lets the caller see.
  getDependencySnapshot: ['U', 'A', 'A', 'A', 'A', 'A'],
  refreshDependencies: ['U', 'D', 'D', 'D', 'A', 'D'],
  getEntityDependencies: ['U', 'A', 'A', 'A', 'A', 'A'],
  getTeamMatrix: ['U', 'A', 'A', 'A', 'A', 'A'],
  listDependencyEdges: ['U', 'A', 'A', 'A', 'A', 'A'],
  getBlastRadius: ['U', 'A', 'A', 'A', 'A', 'A'],
  getDeploymentWaves: ['U', 'A', 'A', 'A', 'A', 'A'],
  getOwnership: ['U', 'A', 'A', 'A', 'A', 'A'],
  // Retrospectives: everyone signed in reads and adds notes; who runs the train files items.
  getRetrospective: ['U', 'A', 'A', 'A', 'A', 'D'],
  listRetrospectiveNotes: ['U', 'A', 'A', 'A', 'A', 'D'],
  addRetrospectiveNote: ['U', 'A', 'A', 'A', 'A', 'D'],
  deleteRetrospectiveNote: ['U', 'D', 'D', 'A', 'A', 'D'],
  listCarriedOverActionItems: ['U', 'A', 'A', 'A', 'A', 'D'],
  createActionItem: ['U', 'D', 'D', 'A', 'A', 'D'],
  listActionItems: ['U', 'A', 'A', 'A', 'A', 'D'],
  // The item belongs to team-pay: its members change it, and who runs the train.
  updateActionItem: ['U', 'D', 'A', 'A', 'A', 'D'],
  getDictionary: ['U', 'A', 'A', 'A', 'A', 'A'],
  // Deployments: CI, or a person the policy allows.
  listDeployments: ['U', 'A', 'A', 'A', 'A', 'D'],
  reportDeployment: ['U', 'D', 'D', 'D', 'A', 'A'],
  // A participant's rollback plan: its owners and who runs the train.
  saveRollbackPlan: ['U', 'D', 'A', 'A', 'A', 'D'],
  getRollbackReadiness: ['U', 'A', 'A', 'A', 'A', 'D'],
  // Rehearsals: CI, a person the policy allows, or the entity's owners.
  reportRollbackDrill: ['U', 'D', 'A', 'D', 'A', 'A'],
  listFeatureFlags: ['U', 'A', 'A', 'A', 'A', 'D'],
  // A participant's flags: its owners and who runs the train.
  createFeatureFlag: ['U', 'D', 'A', 'A', 'A', 'D'],
  updateFeatureFlag: ['U', 'D', 'A', 'A', 'A', 'D'],
  getScorecard: ['U', 'A', 'A', 'A', 'A', 'D'],
  getEnvironmentMatrix: ['U', 'A', 'A', 'A', 'A', 'D'],
  getCompatibilityMatrix: ['U', 'A', 'A', 'A', 'A', 'D'],
  // Deploy readiness: what pipelines ask, and anyone signed in.
  getDeployReadiness: ['U', 'A', 'A', 'A', 'A', 'A'],
  // Incidents: incident tools (CI's token) and a person the policy allows report them;
  // everyone signed in reads them.
  reportIncident: ['U', 'D', 'D', 'D', 'A', 'A'],
  reportPagerDutyIncident: ['U', 'D', 'D', 'D', 'A', 'A'],
  listIncidents: ['U', 'A', 'A', 'A', 'A', 'D'],
  getIncident: ['U', 'A', 'A', 'A', 'A', 'D'],
  // The incident hit payments: team-pay decides its cause, and the release manager.
  attributeIncident: ['U', 'D', 'A', 'D', 'A', 'D'],
  // Leading indicators: CI reports them; whoever reads scorecards reads them.
  reportIndicators: ['U', 'D', 'D', 'D', 'A', 'A'],
  listIndicators: ['U', 'A', 'A', 'A', 'A', 'D'],
  // Change freezes: everyone who reads trains sees them; release managers declare and lift.
  listFreezes: ['U', 'A', 'A', 'A', 'A', 'D'],
  declareFreeze: ['U', 'D', 'D', 'D', 'A', 'D'],
  liftFreeze: ['U', 'D', 'D', 'D', 'A', 'D'],
  // The release calendar and collisions: everyone who reads trains.
  getReleaseCalendar: ['U', 'A', 'A', 'A', 'A', 'D'],
  getTrainCollisions: ['U', 'A', 'A', 'A', 'A', 'D'],
  getTrainRisk: ['U', 'A', 'A', 'A', 'A', 'D'],
  getTrainStandup: ['U', 'A', 'A', 'A', 'A', 'D'],
  getTrainRunbook: ['U', 'A', 'A', 'A', 'A', 'D'],
  // payments' owners, who runs the train, and release managers tell its contacts.
  declareDeployIncident: ['U', 'D', 'A', 'A', 'A', 'D'],
  // The release review: everyone who reads the train reads it; the teams taking part, who
  // runs the train and release managers keep its register; only a team's members sign off
  // for it (admin is in team-pay too; the ambassador is in no team).
  getTrainReview: ['U', 'A', 'A', 'A', 'A', 'D'],
  listReviewRisks: ['U', 'A', 'A', 'A', 'A', 'D'],
  registerReviewRisk: ['U', 'D', 'A', 'A', 'A', 'D'],
  updateReviewRisk: ['U', 'D', 'A', 'A', 'A', 'D'],
  signOffReview: ['U', 'D', 'A', 'D', 'A', 'D'],
  // Cadences: everyone who reads trains reads them; release managers create them and keep
  // their rosters; the next train is created as any train (naming alice: she or a release
  // manager); a member arranges their own skip (bob), a release manager anyone's; the train's
  // ambassador (alice) and release managers write its handover notes.
  listCadences: ['U', 'A', 'A', 'A', 'A', 'D'],
  createCadence: ['U', 'D', 'D', 'D', 'A', 'D'],
  getCadence: ['U', 'A', 'A', 'A', 'A', 'D'],
  setCadenceRoster: ['U', 'D', 'D', 'D', 'A', 'D'],
  listCadenceTrains: ['U', 'A', 'A', 'A', 'A', 'D'],
  createCadenceTrain: ['U', 'D', 'D', 'A', 'A', 'D'],
  recordRotationChange: ['U', 'D', 'A', 'D', 'A', 'D'],
  addCadenceHandover: ['U', 'D', 'D', 'A', 'A', 'D'],
};

/** Required query parameters of the reads, with values of the test organisation. */
const QUERIES: Record<string, string> = {
  listEntityTrains: `ref=${PAYMENTS}`,
  getEntityDependencies: `ref=${PAYMENTS}`,
  getTeamMatrix: 'scope=group:default/team-pay',
  listDependencyEdges: 'scope=group:default/team-pay',
  getBlastRadius: `ref=${PAYMENTS}`,
  getOwnership: `ref=${PAYMENTS}`,
  getScorecard: 'scope=organization&from=2026-01-01T00:00:00Z&to=2026-12-31T00:00:00Z',
  getDeployReadiness: `entityRef=${PAYMENTS}&version=1.0.0&environment=production`,
  listIndicators: `entityRef=${PAYMENTS}`,
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Every operation of the document, reads as well as writes. */
function allOperations(): (WriteOperation & { read: boolean })[] {
  return Object.entries(spec.paths as Record<string, Record<string, any>>).flatMap(
    ([template, item]) =>
      METHODS.filter(method => item[method]).map(method => ({
        operationId: item[method].operationId as string,
        method: method.toUpperCase() as WriteOperation['method'],
        template,
        pathParameters: [...template.matchAll(/\{(\w+)\}/g)].map(match => match[1]),
        bodySchema: item[method].requestBody?.content?.['application/json']?.schema,
        read: method === 'get',
      })),
  );
}

/**
 * The permissions of the test backend, as Backstage decides them for a service principal: a
 * token with access restrictions gets the permissions they list and no other; the others, the
 * policy's answer for users.
 */
const policy = releaseManagerPolicy(
  trainManagePermission,
  gateWaivePermission,
  checkReportPermission,
  deploymentReportPermission,
  dependenciesRefreshPermission,
  incidentReportPermission,
  incidentAttributePermission,
  indicatorReportPermission,
  freezeManagePermission,
  cadenceManagePermission,
);

/** How a cell of the matrix shows an answer: U(nauthenticated), D(enied), A(llowed) or 5xx. */
function cellOf(status: number): Cell | '5xx' {
  if (status === 401) return 'U';
  if (status === 403) return 'D';
  if (status >= 500) return '5xx';
  return 'A';
}

describe('the authorization matrix: every operation of the document × every kind of caller', () => {
  const operations = allOperations();

  it('has one row for every operation of the document, and none for an operation it lacks', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(operations.map(o => o.operationId).sort());
  });

  const databases = createTestDatabases();
  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let server: TestServer;
    let knex: Knex;
    let trains = 0;
    const cells = { total: 0 };

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      server = await startReleaseCoordinationBackend({
        organisation: ORGANISATION,
        policy,
        membership: MEMBERSHIP,
        knex,
        serviceRestrictions: { 'external:ci': CI_RESTRICTIONS },
      });
    }, 120_000);

    afterAll(() => {
      console.log(
        `authorization matrix on ${databaseId}: ${operations.length} operations × ` +
          `${ROLES.length} callers = ${cells.total} requests`,
      );
    });

    it.each(operations.map(operation => [operation.operationId, operation] as const))(
      '%s answers each kind of caller as the matrix says',
      async (operationId, operation) => {
        const values = await freshTrain(server, `matrix-${++trains}`);
        const query = QUERIES[operationId] ? `?${QUERIES[operationId]}` : '';
        const path = `${API}${pathOf(operation.template, values)}${query}`;
        const body = operation.read ? undefined : validBody(operation, values);
        const answers: Record<string, string> = {};
        // Refusals first: a caller let through may change the train (cancel, remove a
        // participant), which must not turn a later caller's refusal into something else.
        const order = [...ROLES].sort(
          (a, b) =>
            Number(EXPECTED[operationId]?.[ROLES.indexOf(a)] === 'A') -
            Number(EXPECTED[operationId]?.[ROLES.indexOf(b)] === 'A'),
        );
        for (const role of order) {
          const method = operation.method.toLowerCase() as (typeof METHODS)[number];
          let req = request(server)[method](path);
          if (AUTHORIZATION[role]) req = req.set('Authorization', AUTHORIZATION[role]!);
          const res = body === undefined ? await req : await req.send(body as object);
          cells.total += 1;
          const cell = cellOf(res.status);
          answers[role] = `${cell} (${res.status}${
            res.status >= 400 ? `: ${res.body?.error?.message ?? ''}` : ''
          })`;
        }
        const expected = Object.fromEntries(
          ROLES.map((role, i) => [role, EXPECTED[operationId]?.[i]]),
        );
        const actual = Object.fromEntries(ROLES.map(role => [role, answers[role].slice(0, 1)]));
        expect(actual, JSON.stringify(answers, null, 1)).toEqual(expected);
      },
      120_000,
    );
  });
});
