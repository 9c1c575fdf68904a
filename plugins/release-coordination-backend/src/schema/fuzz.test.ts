import {
  releaseCoordinationPermissions,
} from '@release-coordination/plugin-release-coordination-common';
import fc from 'fast-check';
import { Knex } from 'knex';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { pluginTableNames, snapshotDifferences, snapshotTables } from '../__testUtils__/databaseSnapshot';
import {
  knownFields,
  mutatedBodies,
  pathParameterValues,
  WriteOperation,
  writeOperations,
} from '../__testUtils__/fuzzInputs';
import {
  freshTrain,
  MEMBERSHIP,
  ORGANISATION,
  pathOf,
  PLAIN,
  POWERFUL,
  VALID_CONFLICTS,
  validBody,
} from '../__testUtils__/apiFixtures';
import {
  API,
  asUser,
  releaseManagerPolicy,
  startReleaseCoordinationBackend,
  TestServer,
} from '../__testUtils__/testBackend';

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
      const valid = validBody(operation, values);
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
          JSON.stringify(validBody(operation, values)),
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
