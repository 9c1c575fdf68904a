import {
  FeatureFlag,
  RollbackPlan,
} from '@release-coordination/plugin-release-coordination-common';
import { trainRuleContext } from '../__testUtils__/ruleContext';
import { DrillSummary } from './OutcomeStore';
import { createNoExpiredFlagsRule, createRollbackRehearsedRule } from './rules';

const NOW = new Date('2026-11-20T12:00:00Z');
const PAYMENTS = 'component:default/payments';
const STOREFRONT = 'component:default/storefront';

function fakeStore(data: {
  plans?: RollbackPlan[];
  drills?: Record<string, DrillSummary>;
  flags?: FeatureFlag[];
}) {
  return {
    getRollbackPlan: async (trainId: string, entityRef: string) =>
      data.plans?.find(p => p.trainId === trainId && p.entityRef === entityRef),
    summarizeDrills: async (refs: string[]) =>
      new Map(refs.filter(ref => data.drills?.[ref]).map(ref => [ref, data.drills![ref]])),
    listFlags: async (trainId: string, filter?: { participantRef?: string }) =>
      (data.flags ?? []).filter(
        f =>
          f.trainId === trainId &&
          (!filter?.participantRef || f.participantRef === filter.participantRef),
      ),
  };
}

const context = (participantRef?: string) =>
  trainRuleContext({
    participants: [
      { entityRef: PAYMENTS, targetVersion: '5.1.0', ownerRef: 'group:default/team-pay' },
      { entityRef: STOREFRONT, targetVersion: '2.0.0', ownerRef: 'group:default/team-web' },
    ],
    participantRef,
    now: NOW,
  });

const plan: RollbackPlan = {
  trainId: 't1',
  entityRef: PAYMENTS,
  criteria: 'Error rate above 2%',
  procedureUrl: 'https://runbooks.example.com/payments',
  updatedBy: 'user:default/bob',
  updatedAt: '2026-11-10T00:00:00Z',
};

describe('rollback-rehearsed', () => {
  const rule = (data: Parameters<typeof fakeStore>[0]) =>
    createRollbackRehearsedRule({ store: fakeStore(data), maxAgeDays: 90 });

  it('passes with a plan and a passed rehearsal within the allowed age', async () => {
    const outcome = await rule({
      plans: [plan],
      drills: { [PAYMENTS]: { lastPassedDrillAt: '2026-10-21T12:00:00Z' } },
    }).evaluate(context(PAYMENTS));
    expect(outcome).toEqual({
      passed: true,
      reason:
        'component:default/payments has a rollback plan and last passed a rollback rehearsal ' +
        '30 day(s) ago, within 90 days',
    });
  });

  it.each([
    ['without a plan', { drills: { [PAYMENTS]: { lastPassedDrillAt: '2026-11-19T12:00:00Z' } } }, /has no rollback plan/],
    ['never rehearsed', { plans: [plan] }, /has never passed a rollback rehearsal; one within 90 days/],
    [
      'rehearsed too long ago',
      { plans: [plan], drills: { [PAYMENTS]: { lastPassedDrillAt: '2026-08-01T12:00:00Z' } } },
      /111 day\(s\) ago, more than the 90 days allowed/,
    ],
  ])('fails %s, saying why', async (_name, data, reason) => {
    const outcome = await rule(data).evaluate(context(PAYMENTS));
    expect(outcome.passed).toBe(false);
    expect(outcome.reason).toMatch(reason);
  });

  it('needs a participant', async () => {
    const outcome = await rule({ plans: [plan] }).evaluate(context());
    expect(outcome).toMatchObject({ passed: false, reason: expect.stringMatching(/perParticipant/) });
  });
});

describe('no-expired-flags', () => {
  const flag = (over: Partial<FeatureFlag>): FeatureFlag => ({
    id: over.key ?? 'f',
    trainId: 't1',
    participantRef: PAYMENTS,
    key: 'one-click',
    ownerRef: 'group:default/team-pay',
    purpose: 'Dark launch',
    state: 'on',
    createdAt: '2026-11-01T00:00:00Z',
    createdBy: 'user:default/bob',
    expiresAt: '2026-12-01T00:00:00Z',
    updatedAt: '2026-11-01T00:00:00Z',
    ...over,
  });
  const rule = (flags: FeatureFlag[]) =>
    createNoExpiredFlagsRule({ store: fakeStore({ flags }) });

  it('passes while every flag in use is before its expiry, and ignores removed ones', async () => {
    const flags = [
      flag({}),
      flag({ key: 'old', state: 'removed', expiresAt: '2026-11-01T00:00:00Z' }),
    ];
    expect(await rule(flags).evaluate(context(PAYMENTS))).toEqual({
      passed: true,
      reason: 'None of the 1 feature flag(s) of component:default/payments is past its expiry',
    });
    expect(await rule([]).evaluate(context(PAYMENTS))).toEqual({
      passed: true,
      reason: 'No feature flags in use by component:default/payments',
    });
  });

  it('fails for an expired flag that is off but still in the code', async () => {
    const outcome = await rule([
      flag({ key: 'legacy-cart', state: 'off', expiresAt: '2026-11-15T00:00:00Z' }),
    ]).evaluate(context(PAYMENTS));
    expect(outcome).toEqual({
      passed: false,
      reason:
        "Expired feature flag(s) still in use: 'legacy-cart' (expired 2026-11-15); remove " +
        'them or give them a new expiry',
    });
  });

  it('looks at one participant, or at all of them for a train-wide gate', async () => {
    const flags = [
      flag({ key: 'late', participantRef: STOREFRONT, expiresAt: '2026-11-19T00:00:00Z' }),
    ];
    expect((await rule(flags).evaluate(context(PAYMENTS))).passed).toBe(true);
    const trainWide = await rule(flags).evaluate(context());
    expect(trainWide.passed).toBe(false);
    expect(trainWide.reason).toMatch(/component:default\/storefront 'late'/);
  });
});
