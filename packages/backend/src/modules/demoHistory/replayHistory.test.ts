import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import {
  ReleaseCoordinationActor,
  ReleaseCoordinationHistoryContext,
} from '@release-coordination/plugin-release-coordination-node';
import { DemoHistory, approve, at, deploy, failed, passed, reject } from './definition';
import { DEMO_HISTORY } from './history';
import { catalogExpectation, demoHistoryReplay } from './replayHistory';

interface Call {
  at: string;
  as: string;
  operation: string;
  args: any[];
}

/**
 * A context that records what the replay asks of the plugin, at which time and as whom, and
 * answers as the plugin would with ids and gates. `refuse` makes a call fail, as one of the
 * plugin's rules would.
 */
function recordingContext(refuse: (call: Call) => boolean = () => false) {
  const calls: Call[] = [];
  let time: Date | undefined;
  let gates: unknown[] = [];
  const gatesOf = (participants: { entityRef: string }[]) =>
    participants.flatMap(({ entityRef }) => [
      { id: `approval:${entityRef}`, stage: 'planning', kind: 'approval', participantRef: entityRef },
      {
        id: `check:${entityRef}`,
        stage: 'integration',
        kind: 'check',
        checkName: 'contract-tests',
        participantRef: entityRef,
      },
    ]);
  const actor = (as: string) =>
    new Proxy({} as ReleaseCoordinationActor, {
      get:
        (_, operation: string) =>
        async (...args: any[]) => {
          const call = { at: time!.toISOString(), as, operation, args };
          calls.push(call);
          if (refuse(call)) {
            // As the plugin answers: gates holding a train back are a conflict.
            throw operation === 'advanceStage'
              ? new ConflictError("Cannot leave stage 'planning': 1 gate(s) not passed")
              : new NotAllowedError(`${operation} refused`);
          }
          if (operation === 'createTrain') gates = gatesOf(args[0].participants);
          return { id: `${operation}-${calls.length}`, gates };
        },
    });
  const ctx: ReleaseCoordinationHistoryContext = {
    setTime: t => {
      time = t;
    },
    asUser: ref => actor(ref),
    asService: subject => actor(`service:${subject}`),
    waitForCatalog: async expectation => {
      calls.push({ at: '', as: 'plugin', operation: 'waitForCatalog', args: [expectation] });
    },
    logger: mockServices.logger.mock(),
  };
  return { ctx, calls };
}

/** One small train and a rehearsal; times relative to 2026-12-04. */
const STORY: DemoHistory = {
  trains: [
    {
      key: 'train-1',
      name: 'Train 1',
      objective: 'Ship',
      ambassador: 'alice',
      createdAt: at(-10, '09:00'),
      participants: [
        { component: 'payments', owner: 'team-pay', version: '2.0.0', rollbackPlan: { by: 'bob', at: at(-10, '10:00') } },
      ],
      stages: {
        planning: {
          window: [at(-10, '09:00'), at(-8, '17:00')],
          approvals: {
            payments: [reject('bob', at(-9, '10:00'), 'Not yet'), approve('bob', at(-9, '15:00'))],
          },
          blockedAdvances: [at(-9, '12:00')],
          leftAt: at(-8, '09:00'),
        },
        integration: {
          window: [at(-8, '09:00'), at(-6, '17:00')],
          checks: { payments: [failed(at(-7, '10:00')), passed(at(-7, '14:00'))] },
          leftAt: at(-6, '09:00'),
        },
      },
      deployments: {
        payments: [deploy('production', at(-5, '10:00'), 30, { rollback: { at: at(-5, '12:00'), minutes: 10 } })],
      },
      rolledBack: { at: at(-5, '13:00'), reason: 'Bookings failed' },
      flags: [],
      retrospective: {
        notes: [{ column: 'to-improve', by: 'bob', at: at(-4, '10:00'), text: 'Rehearse' }],
        actionItems: [
          {
            title: 'Rehearse the rollback',
            ownerRef: 'group:default/team-pay',
            at: at(-4, '11:00'),
            dueAt: at(3, '17:00'),
            closed: { status: 'done', by: 'bob', at: at(-2, '11:00') },
          },
        ],
      },
    },
  ],
  drills: [{ component: 'payments', result: 'passed', at: at(-3, '10:00') }],
  rollbackProcedures: { payments: { criteria: 'Errors above 1%', procedureUrl: 'https://runbooks.example.com/payments' } },
};

const NOW = () => new Date('2026-12-04T12:00:00Z');
/** Advances are refused where the story says the gates held the train back. */
const blockedAt = (call: Call) => call.operation === 'advanceStage' && call.at === '2026-11-25T12:00:00.000Z';

describe('the demo history replay', () => {
  it('waits for the catalog, then tells the story in time order, each step as who did it', async () => {
    const { ctx, calls } = recordingContext(blockedAt);
    await demoHistoryReplay(STORY, NOW).replay(ctx);
    expect(calls[0].operation).toBe('waitForCatalog');
    const steps = calls.slice(1);
    expect(steps.map(c => c.at)).toEqual([...steps.map(c => c.at)].sort());
    expect(steps.map(c => [c.at, c.as, c.operation])).toEqual([
      ['2026-11-24T09:00:00.000Z', 'user:default/alice', 'createTrain'],
      ['2026-11-24T10:00:00.000Z', 'user:default/bob', 'saveRollbackPlan'],
      ['2026-11-25T10:00:00.000Z', 'user:default/bob', 'rejectGate'],
      ['2026-11-25T12:00:00.000Z', 'user:default/alice', 'advanceStage'],
      ['2026-11-25T15:00:00.000Z', 'user:default/bob', 'approveGate'],
      ['2026-11-26T09:00:00.000Z', 'user:default/alice', 'advanceStage'],
      ['2026-11-27T10:00:00.000Z', 'service:demo-ci', 'reportCheck'],
      ['2026-11-27T14:00:00.000Z', 'service:demo-ci', 'reportCheck'],
      ['2026-11-28T09:00:00.000Z', 'user:default/alice', 'advanceStage'],
      ['2026-11-29T10:00:00.000Z', 'service:demo-ci', 'reportDeployment'],
      ['2026-11-29T10:30:00.000Z', 'service:demo-ci', 'reportDeployment'],
      ['2026-11-29T12:10:00.000Z', 'service:demo-ci', 'reportDeployment'],
      ['2026-11-29T13:00:00.000Z', 'user:default/alice', 'rollBackTrain'],
      ['2026-11-30T10:00:00.000Z', 'user:default/bob', 'addRetrospectiveNote'],
      ['2026-11-30T11:00:00.000Z', 'user:default/alice', 'createActionItem'],
      // CI records a rehearsal a few minutes after it ran.
      ['2026-12-01T10:05:00.000Z', 'service:demo-ci', 'reportRollbackDrill'],
      ['2026-12-02T11:00:00.000Z', 'user:default/bob', 'updateActionItem'],
    ]);
    const create = steps[0].args[0];
    expect(create.stageWindows.planning).toEqual({
      start: '2026-11-24T09:00:00.000Z',
      end: '2026-11-26T17:00:00.000Z',
    });
    expect(steps.find(c => c.operation === 'approveGate')!.args[0]).toBe(
      'approval:component:default/payments',
    );
    expect(steps.filter(c => c.operation === 'reportCheck').map(c => c.args[1])).toEqual([
      expect.objectContaining({ checkName: 'contract-tests', status: 'failed', idempotencyKey: 'train-1/payments/contract-tests/1' }),
      expect.objectContaining({ checkName: 'contract-tests', status: 'passed', idempotencyKey: 'train-1/payments/contract-tests/2' }),
    ]);
    // Started, finished, and restored: one deployment, reported as CI saw it.
    const reports = steps.filter(c => c.operation === 'reportDeployment').map(c => c.args[1]);
    expect(new Set(reports.map(r => r.deploymentId))).toEqual(new Set(['train-1-payments-production-1']));
    expect(reports.map(r => [r.finishedAt, r.result, r.rollbackFinishedAt])).toEqual([
      [undefined, undefined, undefined],
      ['2026-11-29T10:30:00.000Z', 'succeeded', undefined],
      ['2026-11-29T10:30:00.000Z', 'rolled-back', '2026-11-29T12:10:00.000Z'],
    ]);
    expect(steps.at(-1)!.args[1]).toEqual({ status: 'done' });
  });

  it('stops at the first step the plugin refuses, naming it', async () => {
    const { ctx, calls } = recordingContext(
      call => blockedAt(call) || call.operation === 'approveGate',
    );
    await expect(demoHistoryReplay(STORY, NOW).replay(ctx)).rejects.toThrow(
      /Train 1: approve of payments in planning at 2026-11-25T15:00:00.000Z: NotAllowedError: approveGate refused/,
    );
    expect(calls.at(-1)!.operation).toBe('approveGate');
  });

  it('fails when gates let the train through where the story says they held it back', async () => {
    const { ctx } = recordingContext();
    await expect(demoHistoryReplay(STORY, NOW).replay(ctx)).rejects.toThrow(
      /leaving planning was meant to be blocked/,
    );
  });

  it('refuses a story that reaches into the future before asking anything', async () => {
    const { ctx, calls } = recordingContext(blockedAt);
    // Rehearsed at 13:00 of the day the replay runs, at noon.
    const story = { ...STORY, drills: [{ component: 'payments', result: 'passed' as const, at: at(0, '13:00') }] };
    await expect(demoHistoryReplay(story, NOW).replay(ctx)).rejects.toThrow(
      /rehearsal of payments lies in the future/,
    );
    expect(calls).toEqual([]);
  });

  it('waits for the people, teams and memberships the demo story relies on', () => {
    const { entityRefs, relations } = catalogExpectation(DEMO_HISTORY);
    expect(entityRefs).toEqual(
      expect.arrayContaining(['user:default/alice', 'component:default/card-vault', 'group:default/team-catalog']),
    );
    // frank's approvals of auth-service count only as a member of team-identity.
    expect(relations).toEqual(
      expect.arrayContaining([
        { source: 'user:default/frank', type: 'memberOf', target: 'group:default/team-identity' },
        { source: 'component:default/auth-service', type: 'ownedBy', target: 'group:default/team-identity' },
      ]),
    );
  });
});
