import {
  releaseCoordinationPermissions,
} from '@release-coordination/plugin-release-coordination-common';
import fc from 'fast-check';
import { Knex } from 'knex';
import request from 'supertest';
import { createTestDatabases } from '../testing/databases';
import { pluginTableNames, snapshotDifferences, snapshotTables } from '../testing/databaseSnapshot';
import {
  knownFields,
  mutatedBodies,
  pathParameterValues,
  validExample,
  WriteOperation,
  writeOperations,
} from '../testing/fuzzInputs';
import {
  API,
  asUser,
  CHECKOUT_ORGANISATION,
  checkoutTrain,
  createTrainThroughApi,
  releaseManagerPolicy,
  startReleaseCoordinationBackend,
  TestServer,
  withEntities,
} from '../testing/testBackend';

/**
 * Property-based fuzzing of every write operation of the OpenAPI document: from a valid request
 * per operation, mutated requests must never answer 5xx, and a 4xx must leave every table of
 * the plugin exactly as it was. A write operation added to the document is fuzzed without a
 * change here; if no valid request can be derived for it, or its path cannot be filled, its
 * test fails.
 *
 * `FUZZ_SEED` and `FUZZ_RUNS` (runs per operation) replay or widen a run.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261204);
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
/** The plain user's pass is a smaller sample: it mostly exercises the refusals. */
const PLAIN_RUNS = Math.ceil(RUNS / 3);

/** The checkout organisation, and ledger, which takes part in no train until it is added. */
const ORGANISATION = withEntities(
  CHECKOUT_ORGANISATION,
  `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: ledger }
spec: { type: service, lifecycle: production, owner: team-pay }
`,
);

/** admin may do everything and belongs to both teams; zoe is a plain user of neither. */
const POWERFUL = 'admin';
const PLAIN = 'zoe';
const MEMBERSHIP = {
  'user:default/admin': ['group:default/team-web', 'group:default/team-pay'],
};

const PAYMENTS = 'component:default/payments';
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** Valid field values by property name: entities of the organisation, dates the rules accept. */
const FIELD_VALUES: Record<string, unknown> = {
  entityRef: PAYMENTS,
  participantRef: PAYMENTS,
  entityRefs: [PAYMENTS],
  ambassadorRef: 'user:default/alice',
  ownerRef: 'group:default/team-pay',
  'date-time': inDays(3),
};

/** Valid bodies that the schema alone does not give: the rules of the domain decide. */
const VALID_BODIES: Record<string, () => unknown> = {
  // payments and storefront take part already.
  addParticipant: () => ({ entityRef: 'component:default/ledger', targetVersion: '1.0.0' }),
  // Deployments and rehearsals are reported once they happened.
  reportDeployment: () => ({
    participantRef: PAYMENTS,
    environment: 'production',
    deploymentId: 'deploy-1',
    startedAt: inDays(-1),
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
const VALID_CONFLICTS = new Set(['advanceStage']);

function validBody(operation: WriteOperation): unknown {
  const custom = VALID_BODIES[operation.operationId];
  if (custom) return custom();
  return operation.bodySchema ? validExample(operation.bodySchema, FIELD_VALUES) : undefined;
}

/**
 * A fresh train of admin's and what hangs off it, as the values of the path parameters: each
 * operation is fuzzed against a train no earlier operation cancelled or advanced. The valid
 * request goes first, so an operation that closes the train (cancel, roll back) is fuzzed
 * against the closed train: the input checks come before the state checks either way.
 */
async function freshTrain(server: TestServer, name: string): Promise<Record<string, string>> {
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
  return {
    trainId: train.id,
    gateId: gate.id,
    entityRef: encodeURIComponent(PAYMENTS),
    noteId: await post('/retrospective/notes', { column: 'went-well', text: 'Smooth' }),
    itemId: await post('/action-items', { title: 'Rehearse', ownerRef: 'group:default/team-pay' }),
    flagId: await post('/flags', {
      participantRef: PAYMENTS,
      key: 'one-click',
      ownerRef: 'group:default/team-pay',
      purpose: 'Dark launch',
      expiresAt: inDays(10),
    }),
  };
}

function pathOf(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => values[name]);
}

async function send(
  server: TestServer,
  operation: WriteOperation,
  path: string,
  text: string | undefined,
  user: string,
) {
  const method = operation.method.toLowerCase() as 'post' | 'put' | 'patch' | 'delete';
  const req = request(server)[method](`${API}${path}`).set('Authorization', asUser(user));
  if (text === undefined) return req;
  return req.set('Content-Type', 'application/json').send(text);
}

const operations = writeOperations();

describe('fuzzing the write operations of the document', () => {
  const databases = createTestDatabases();

  it('finds the write operations of the document', () => {
    expect(operations.map(operation => operation.operationId)).toEqual(
      expect.arrayContaining(['createTrain', 'removeParticipant', 'saveRollbackPlan']),
    );
  });

  describe.each(databases.eachSupportedId())('on %s', databaseId => {
    let server: TestServer;
    let knex: Knex;
    let tables: string[];
    let trains = 0;
    const tried = { operations: new Set<string>(), requests: 0, by: {} as Record<string, number> };

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      tables = await pluginTableNames();
      server = await startReleaseCoordinationBackend({
        organisation: ORGANISATION,
        policy: releaseManagerPolicy(...releaseCoordinationPermissions),
        membership: MEMBERSHIP,
        knex,
      });
    }, 120_000);

    afterAll(() => {
      const statuses = Object.entries(tried.by)
        .map(([status, count]) => `${status}×${count}`)
        .join(' ');
      // The size of the run, to quote: operations × requests, with the answers they got.
      console.log(
        `fuzz on ${databaseId}: ${tried.operations.size} write operations × ${RUNS} (admin) + ` +
          `${PLAIN_RUNS} (plain user) inputs = ${tried.requests} requests, seed ${SEED}; ` +
          `answers ${statuses}`,
      );
    });

    /** Fuzzes one operation as `user` with `runs` inputs, filling its path from `values`. */
    async function fuzz(
      operation: WriteOperation,
      values: Record<string, string>,
      user: string,
      runs: number,
    ) {
      const valid = validBody(operation);
      const parameters = Object.fromEntries(
        operation.pathParameters.map(name => [name, pathParameterValues(values[name])]),
      );
      let current = await snapshotTables(knex, tables);
      const property = fc.asyncProperty(
        fc.record(parameters),
        mutatedBodies(valid, knownFields(operation.bodySchema)),
        async (pathValues, mutation) => {
          const res = await send(
            server,
            operation,
            pathOf(operation.template, pathValues),
            mutation.text,
            user,
          );
          tried.requests += 1;
          tried.by[res.status] = (tried.by[res.status] ?? 0) + 1;
          expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
          const after = await snapshotTables(knex, tables);
          if (res.status >= 400) {
            expect(snapshotDifferences(current, after), `${res.status} wrote`).toEqual({});
          }
          current = after;
        },
      );
      await fc.assert(property, { seed: SEED, numRuns: runs, endOnFailure: true });
      tried.operations.add(operation.operationId);
    }

    it.each(operations.map(operation => [operation.operationId, operation] as const))(
      '%s: accepts its valid request, never answers 5xx and refuses without writing',
      async (_, operation) => {
        const values = await freshTrain(server, `fuzz-${++trains}`);
        for (const name of operation.pathParameters) {
          expect(values[name], `a value for the path parameter ${name}`).toBeDefined();
        }
        const res = await send(
          server,
          operation,
          pathOf(operation.template, values),
          JSON.stringify(validBody(operation)),
          POWERFUL,
        );
        const accepted = VALID_CONFLICTS.has(operation.operationId)
          ? res.status === 409
          : res.status >= 200 && res.status < 300;
        const answer = `${res.status}: ${JSON.stringify(res.body)}`;
        expect(accepted, `the valid request answered ${answer}`).toBe(true);

        await fuzz(operation, values, POWERFUL, RUNS);
        await fuzz(operation, values, PLAIN, PLAIN_RUNS);
      },
      // Generous for a loaded machine: unloaded, an operation takes a few seconds.
      180_000,
    );
  });
});
