import { ConfigReader } from '@backstage/config';
import { FreezeWindow } from '@release-coordination/plugin-release-coordination-common';
import { trainRuleContext } from '../__testUtils__/ruleContext';
import { readConfiguredFreezes } from './config';
import { createChangeFreezeRule } from './rules';

const PAYMENTS = 'component:default/payments';
const STOREFRONT = 'component:default/storefront';
const NOW = new Date('2026-12-24T12:00:00Z');

const freeze: FreezeWindow = {
  id: 'config-1',
  startsAt: '2026-12-24T00:00:00.000Z',
  endsAt: '2026-12-27T00:00:00.000Z',
  reason: 'Christmas',
  scope: { kind: 'system', ref: 'system:default/billing' },
  source: 'config',
};

/** The freeze covers payments only (its System). */
const freezes = {
  async inEffect(refs: string[], at: Date) {
    const inEffect =
      at >= new Date(freeze.startsAt) && at < new Date(freeze.endsAt);
    return new Map(
      refs
        .filter(ref => inEffect && ref === PAYMENTS)
        .map(ref => [ref, [freeze]]),
    );
  },
};

const context = (participantRef?: string, now = NOW) =>
  trainRuleContext({
    participants: [
      { entityRef: PAYMENTS, targetVersion: '5.1.0' },
      { entityRef: STOREFRONT, targetVersion: '2.0.0' },
    ],
    participantRef,
    now,
  });

describe('change-freeze', () => {
  const rule = createChangeFreezeRule({ freezes });

  it('holds back the participants a freeze in effect covers, naming it', async () => {
    expect(await rule.evaluate(context())).toEqual({
      passed: false,
      reason: `Change freeze in effect for ${PAYMENTS}: Christmas (until 2026-12-27T00:00:00.000Z)`,
    });
    expect((await rule.evaluate(context(STOREFRONT))).passed).toBe(true);
  });

  it('passes once the freeze has ended', async () => {
    expect(
      await rule.evaluate(context(PAYMENTS, new Date('2026-12-27T00:00:00Z'))),
    ).toEqual({
      passed: true,
      reason: 'No change freeze covers the participants now',
    });
  });
});

describe('readConfiguredFreezes', () => {
  const read = (entries: unknown) =>
    readConfiguredFreezes(
      new ConfigReader({ releaseCoordination: { freezes: entries } } as any),
    );

  it('reads dates, date-times and scopes', () => {
    expect(
      read([
        { start: '2026-12-24', end: '2026-12-27', reason: 'Christmas' },
        {
          start: '2027-03-01T08:00:00+01:00',
          end: '2027-03-02T08:00:00+01:00',
          reason: 'Audit',
          scope: { kind: 'domain', ref: 'commerce' },
        },
      ]),
    ).toEqual([
      {
        id: 'config-1',
        startsAt: '2026-12-24T00:00:00.000Z',
        endsAt: '2026-12-27T00:00:00.000Z',
        reason: 'Christmas',
        scope: { kind: 'all' },
        source: 'config',
      },
      {
        id: 'config-2',
        startsAt: '2027-03-01T07:00:00.000Z',
        endsAt: '2027-03-02T07:00:00.000Z',
        reason: 'Audit',
        scope: { kind: 'domain', ref: 'domain:default/commerce' },
        source: 'config',
      },
    ]);
  });

  it('stops the start with every mistake listed', () => {
    expect(() =>
      read([
        { start: 'next friday', end: '2026-12-27', reason: 'x' },
        { start: '2026-12-27', end: '2026-12-24', reason: 'x' },
        { start: '2026-12-24', end: '2026-12-27' },
        {
          start: '2026-12-24',
          end: '2026-12-27',
          reason: 'x',
          scope: { kind: 'system' },
        },
      ]),
    ).toThrow(
      [
        "Invalid change freezes: releaseCoordination.freezes[0].start: 'next friday' is not an ISO 8601 date or date-time",
        'releaseCoordination.freezes[1]: start must be before end',
        'releaseCoordination.freezes[2].reason is missing: say why nothing may ship',
        'releaseCoordination.freezes[3].scope.ref is missing: name the system',
      ].join('; '),
    );
  });
});
