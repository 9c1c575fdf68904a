import { AddressInfo } from 'node:net';
import { run, CommandIo } from '@release-coordination/cli';
import {
  CHECKOUT_ORGANISATION,
  CI,
  TestServer,
  asUser,
  catalogUsers,
  checkoutTrain,
  createTrainThroughApi,
  pluginRoutes,
  releaseManagerPolicy,
  startReleaseCoordinationBackend,
  withEntities,
} from '../__testUtils__/testBackend';

/** bob is on team-pay (payments), carol on team-web (storefront). */
const MEMBERSHIP: Record<string, string[]> = {
  'user:default/alice': [],
  'user:default/bob': ['group:default/team-pay'],
  'user:default/carol': ['group:default/team-web'],
};
const STOREFRONT = 'component:default/storefront';
const PAYMENTS = 'component:default/payments';

/** Planning ends with each owner's confirmation; deployment is entered once contract tests pass. */
const STAGES = [
  {
    name: 'planning',
    exitGates: [
      {
        id: 'owner-confirms',
        title: 'Owner confirms',
        kind: 'approval',
        perParticipant: true,
        approvers: 'participant-owner',
      },
    ],
  },
  {
    name: 'deployment',
    entryGates: [
      {
        id: 'contract-tests',
        title: 'Contract tests pass',
        kind: 'check',
        perParticipant: true,
        checkName: 'contract-tests',
      },
    ],
    exitGates: [],
  },
];

/**
 * The CLI as a pipeline runs it, against a real backend on a real port: what it prints, its
 * exit codes, and what the portal stored.
 */
describe('release-coordination CLI (real backend over HTTP)', () => {
  let server: TestServer;
  let trainId: string;
  const { get, post } = pluginRoutes(() => server);

  /** Runs the CLI; `onSleep` acts while a polling command waits, as people would meanwhile. */
  async function cli(
    argv: string[],
    options: {
      env?: Record<string, string | undefined>;
      onSleep?: () => Promise<void>;
    } = {},
  ) {
    const out: string[] = [];
    const err: string[] = [];
    let clock = Date.parse('2026-12-05T10:00:00Z');
    const io: CommandIo = {
      out: line => out.push(line),
      err: line => err.push(line),
      env: options.env ?? {
        RELEASE_COORDINATION_URL: `http://localhost:${(server.address() as AddressInfo).port}`,
        RELEASE_COORDINATION_TOKEN: CI.replace(/^Bearer /, ''),
        GITHUB_RUN_ID: '4711',
      },
      fetch: (...args) => fetch(...args),
      sleep: async ms => {
        clock += ms;
        await options.onSleep?.();
      },
      now: () => new Date(clock),
    };
    const code = await run(argv, io);
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  async function approveOwnerGate(user: string, participantRef: string) {
    const train = await get(`/trains/${trainId}`).set(
      'Authorization',
      asUser('alice'),
    );
    const gate = train.body.gates.find(
      (g: any) =>
        g.templateId === 'owner-confirms' &&
        g.participantRef === participantRef,
    );
    const res = await post(`/gates/${gate.id}/approve`)
      .send({})
      .set('Authorization', asUser(user));
    expect(res.status).toBe(200);
  }

  beforeAll(async () => {
    server = await startReleaseCoordinationBackend({
      organisation: withEntities(
        CHECKOUT_ORGANISATION,
        ...catalogUsers('alice'),
      ),
      policy: releaseManagerPolicy(),
      membership: MEMBERSHIP,
      config: { stages: STAGES },
    });
    trainId = (
      await createTrainThroughApi(
        server,
        checkoutTrain('2026.12'),
        asUser('alice'),
      )
    ).id;
  }, 120_000);

  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
  });

  it('refuses production while the train plans: exit 1, the reasons and who decides printed', async () => {
    const res = await cli([
      'can-deploy',
      '--entity',
      STOREFRONT,
      '--version',
      '2.0.0',
      '--environment',
      'production',
    ]);
    expect(res.code).toBe(1);
    expect(res.out).toContain(
      `not allowed: ${STOREFRONT} 2.0.0 to production (train '2026.12', stage planning)`,
    );
    expect(res.out).toContain(
      "gate 'Owner confirms' (planning, decided by group:default/team-web)",
    );
    expect(res.out).toContain("gate 'Contract tests pass' (deployment)");
  });

  it('waits for the gates while the owner approves and CI reports the contract tests', async () => {
    let step = 0;
    let reported: Awaited<ReturnType<typeof cli>> | undefined;
    const res = await cli(
      [
        'wait-for-gates',
        '--entity',
        STOREFRONT,
        '--version',
        '2.0.0',
        '--interval',
        '10s',
      ],
      {
        onSleep: async () => {
          step += 1;
          if (step === 1) await approveOwnerGate('carol', STOREFRONT);
          if (step === 2) {
            // CI reports through the CLI, the train found by the version it ships.
            reported = await cli([
              'report-check',
              '--entity',
              STOREFRONT,
              '--version',
              '2.0.0',
              '--check',
              'contract-tests',
              '--status',
              'passed',
              '--evidence-url',
              'https://ci.example.com/runs/4711',
              '--against',
              `${PAYMENTS}@5.1.0`,
            ]);
          }
        },
      },
    );
    expect(reported).toMatchObject({
      code: 0,
      out: `reported: contract-tests passed for ${STOREFRONT} against ${PAYMENTS}@5.1.0 in train ${trainId}`,
    });
    expect(res.code).toBe(0);
    expect(res.out).toContain("gate 'Owner confirms'");
    expect(res.out.split('\n').at(-1)).toBe(
      `gates passed: ${STOREFRONT} 2.0.0`,
    );
    // The same run reporting again is the same report: stored once.
    const again = await cli([
      'report-check',
      '--train',
      trainId,
      '--entity',
      STOREFRONT,
      '--check',
      'contract-tests',
      '--status',
      'passed',
      '--evidence-url',
      'https://ci.example.com/runs/4711',
      '--against',
      `${PAYMENTS}@5.1.0`,
    ]);
    expect(again.code).toBe(0);
    // The counterpart makes the storefront → payments edge tested at the target versions.
    const compatibility = await get(`/trains/${trainId}/compatibility`).set(
      'Authorization',
      asUser('alice'),
    );
    expect(compatibility.body.pairs).toEqual([
      expect.objectContaining({
        from: STOREFRONT,
        to: PAYMENTS,
        state: 'tested',
      }),
    ]);
    expect(compatibility.body.pairs[0].evidence).toHaveLength(1);
  });

  it('gives up after the timeout with the gates still open: exit 1', async () => {
    const res = await cli([
      'wait-for-gates',
      '--entity',
      PAYMENTS,
      '--version',
      '5.1.0',
      '--timeout',
      '1m',
      '--interval',
      '20s',
    ]);
    expect(res.code).toBe(1);
    expect(res.out).toContain(
      "gate 'Owner confirms' (planning, decided by group:default/team-pay)",
    );
    expect(res.err).toBe('timed out after 1m with gates still open');
  });

  it('reports deployments, finds the train by version, and allows production once all is done', async () => {
    await approveOwnerGate('bob', PAYMENTS);
    const check = await cli([
      'report-check',
      '--entity',
      PAYMENTS,
      '--train',
      trainId,
      '--check',
      'contract-tests',
      '--status',
      'passed',
    ]);
    expect(check.code).toBe(0);
    const advanced = await post(`/trains/${trainId}/advance`)
      .send({ expectedStage: 'planning' })
      .set('Authorization', asUser('alice'));
    expect(advanced.status).toBe(200);

    const deploy = (
      entity: string,
      version: string,
      environment: string,
      ...more: string[]
    ) =>
      cli([
        'report-deployment',
        '--entity',
        entity,
        '--version',
        version,
        '--environment',
        environment,
        '--deployment-id',
        `${environment}-${entity}-${version}`,
        ...more,
      ]);
    // Started, then finished: the second report updates the first.
    expect((await deploy(PAYMENTS, '5.1.0', 'staging')).out).toBe(
      `reported: deployment staging-${PAYMENTS}-5.1.0 of ${PAYMENTS} to staging started, train ${trainId}`,
    );
    // A report that contradicts a known fact (another start) is refused, and said so.
    const contradicting = await deploy(
      PAYMENTS,
      '5.1.0',
      'staging',
      '--started-at',
      '2026-12-05T09:00:00Z',
    );
    expect(contradicting.code).toBe(2);
    expect(contradicting.err).toContain('answered 409');
    const finished = await deploy(
      PAYMENTS,
      '5.1.0',
      'staging',
      '--result',
      'succeeded',
    );
    expect(finished.out).toBe(
      `updated: deployment staging-${PAYMENTS}-5.1.0 of ${PAYMENTS} to staging succeeded, train ${trainId}`,
    );

    const stored = await get(`/trains/${trainId}/deployments`).set(
      'Authorization',
      asUser('alice'),
    );
    expect(stored.body.items).toEqual([
      expect.objectContaining({
        participantRef: PAYMENTS,
        environment: 'staging',
        version: '5.1.0',
        result: 'succeeded',
      }),
    ]);
    // payments goes first (storefront depends on it): production is now allowed for it.
    const allowed = await cli([
      'can-deploy',
      '--entity',
      PAYMENTS,
      '--version',
      '5.1.0',
      '--environment',
      'production',
    ]);
    expect(allowed).toMatchObject({ code: 0 });
    expect(allowed.out).toBe(
      `allowed: ${PAYMENTS} 5.1.0 to production (train '2026.12', stage deployment)`,
    );
  });

  it('reports an incident, and the portal suggests the deployment it depends on', async () => {
    const shipped = await cli([
      'report-deployment',
      '--entity',
      PAYMENTS,
      '--version',
      '5.1.0',
      '--environment',
      'production',
      '--deployment-id',
      'prod-payments-5.1.0',
      '--started-at',
      '2026-12-05T09:40:00Z',
      '--result',
      'succeeded',
      '--finished-at',
      '2026-12-05T09:50:00Z',
    ]);
    expect(shipped.code).toBe(0);
    const incident = (...more: string[]) =>
      cli([
        'report-incident',
        '--entity',
        STOREFRONT,
        '--id',
        'INC-7',
        '--title',
        'Checkout returns 502',
        '--severity',
        'high',
        '--source',
        'pagerduty',
        '--started-at',
        '2026-12-05T10:05:00Z',
        '--users-affected',
        '300',
        ...more,
      ]);
    const opened = await incident();
    expect(opened.code).toBe(0);
    expect(opened.out).toMatch(
      new RegExp(
        `^reported: incident INC-7 on ${STOREFRONT} \\(portal id \\d+\\)$`,
      ),
    );
    const id = /portal id (\d+)/.exec(opened.out)![1];
    const resolved = await incident(
      '--resolved-at',
      '2026-12-05T10:50:00Z',
      '--impact-minutes',
      '45',
    );
    expect(resolved.out).toBe(
      `updated: incident INC-7 on ${STOREFRONT}, resolved (portal id ${id})`,
    );

    const detail = await get(`/incidents/${id}`).set(
      'Authorization',
      asUser('alice'),
    );
    expect(detail.body.incident).toMatchObject({
      source: 'pagerduty',
      resolvedAt: '2026-12-05T10:50:00.000Z',
      usersAffected: 300,
      impactMinutes: 45,
    });
    expect(detail.body.candidates[0]).toMatchObject({
      rank: 1,
      distance: 1,
      minutesBeforeStart: 15,
      deployment: { participantRef: PAYMENTS, version: '5.1.0', trainId },
    });

    expect(await incident('--severity', 'sev1')).toMatchObject({
      code: 2,
      err: expect.stringContaining(
        "--severity must be one of critical, high, medium, low, got 'sev1'",
      ),
    });
    expect(await incident('--users-affected', 'many')).toMatchObject({
      code: 2,
      err: expect.stringContaining(
        "--users-affected must be a whole number, got 'many'",
      ),
    });
    // The portal's own 400 is passed on, naming the field.
    const early = await incident('--resolved-at', '2026-12-05T09:00:00Z');
    expect(early.code).toBe(2);
    expect(early.err).toMatch(/answered 400: .*resolvedAt/);
  });

  it('reports leading indicators with the run as key; a retry changes nothing', async () => {
    const indicators = () =>
      cli([
        'report-indicators',
        '--entity',
        PAYMENTS,
        '--merged',
        '12',
        '--reviewed',
        '11',
        '--tests-executed',
        '340',
        '--tests-passed',
        '338',
        '--tests-flaky',
        '2',
        '--merge-hours',
        '1.5,4,26',
      ]);
    const key = `gh-4711-1:indicators:${PAYMENTS}`;
    expect(await indicators()).toMatchObject({
      code: 0,
      out: `reported: indicators of ${PAYMENTS} (key ${key})`,
    });
    expect((await indicators()).out).toBe(
      `already reported: indicators of ${PAYMENTS} (key ${key})`,
    );
    const stored = await get(
      `/indicators?entityRef=${encodeURIComponent(PAYMENTS)}`,
    ).set('Authorization', asUser('alice'));
    expect(stored.body.items).toEqual([
      expect.objectContaining({
        key,
        review: { mergedChanges: 12, reviewedChanges: 11 },
        tests: { executed: 340, passed: 338, flaky: 2 },
        mergeHours: [1.5, 4, 26],
      }),
    ]);
    expect(
      await cli(['report-indicators', '--entity', PAYMENTS, '--merged', '3']),
    ).toMatchObject({
      code: 2,
      err: expect.stringContaining('--merged and --reviewed go together'),
    });
    expect(
      await cli([
        'report-indicators',
        '--entity',
        PAYMENTS,
        '--merge-hours',
        '1h',
      ]),
    ).toMatchObject({
      code: 2,
      err: expect.stringContaining(
        "--merge-hours must be numbers separated by commas, got '1h'",
      ),
    });
  });

  it('answers bad usage, configuration and refusals with exit 2 and a message to act on', async () => {
    expect(await cli(['deploy-now'])).toMatchObject({
      code: 2,
      err: expect.stringContaining("Unknown command 'deploy-now'"),
    });
    expect(await cli(['can-deploy', '--entity', STOREFRONT])).toMatchObject({
      code: 2,
      err: expect.stringContaining('Missing --version, --environment'),
    });
    expect(
      await cli([
        'report-check',
        '--entity',
        STOREFRONT,
        '--check',
        'x',
        '--status',
        'green',
        '--train',
        trainId,
      ]),
    ).toMatchObject({
      code: 2,
      err: expect.stringContaining(
        "--status must be passed or failed, got 'green'",
      ),
    });
    expect(
      await cli(
        [
          'can-deploy',
          '--entity',
          STOREFRONT,
          '--version',
          '1',
          '--environment',
          'production',
        ],
        {
          env: { RELEASE_COORDINATION_TOKEN: 'x' },
        },
      ),
    ).toMatchObject({
      code: 2,
      err: expect.stringContaining('RELEASE_COORDINATION_URL is not set'),
    });
    const port = (server.address() as AddressInfo).port;
    expect(
      await cli(
        [
          'can-deploy',
          '--entity',
          STOREFRONT,
          '--version',
          '1',
          '--environment',
          'production',
        ],
        {
          env: {
            RELEASE_COORDINATION_URL: `http://localhost:${port}`,
            RELEASE_COORDINATION_TOKEN: 'not-a-token',
          },
        },
      ),
    ).toMatchObject({ code: 2, err: expect.stringContaining('answered 401') });
    // The portal's own 400, naming the field, is passed on.
    const badEnvironment = await cli([
      'can-deploy',
      '--entity',
      STOREFRONT,
      '--version',
      '2.0.0',
      '--environment',
      'moon',
    ]);
    expect(badEnvironment.code).toBe(2);
    expect(badEnvironment.err).toMatch(/answered 400: .*environment/);
    expect(
      await cli([
        'report-check',
        '--entity',
        STOREFRONT,
        '--check',
        'x',
        '--status',
        'passed',
        '--train',
        trainId,
        '--against',
        'payments',
      ]),
    ).toMatchObject({
      code: 2,
      err: expect.stringContaining('--against must be <entity ref>@<version>'),
    });
    // A check report without a key outside a known CI says how to give one.
    expect(
      await cli(
        [
          'report-check',
          '--entity',
          STOREFRONT,
          '--check',
          'x',
          '--status',
          'passed',
          '--train',
          trainId,
        ],
        {
          env: {
            RELEASE_COORDINATION_URL: `http://localhost:${port}`,
            RELEASE_COORDINATION_TOKEN: CI.replace(/^Bearer /, ''),
          },
        },
      ),
    ).toMatchObject({ code: 2, err: expect.stringContaining('Give --key') });
  });
});
