import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import releaseCoordinationPlugin from '@release-coordination/plugin-release-coordination-backend';
import changeFreezeModule, {
  ChangeFreeze,
  createChangeFreezeGateRule,
  readChangeFreezes,
} from './changeFreezeGateRule';

const YEAR_END: ChangeFreeze = {
  start: new Date('2026-12-20T00:00:00Z'),
  end: new Date('2027-01-04T00:00:00Z'),
  reason: 'Year-end holidays',
};
const BLACK_FRIDAY: ChangeFreeze = {
  start: new Date('2026-11-26T00:00:00Z'),
  end: new Date('2026-12-01T00:00:00Z'),
  reason: 'Black Friday sales',
};

/** The rule evaluated at a given moment; it does not look at the train. */
const evaluateAt = (freezes: ChangeFreeze[], at: string) =>
  createChangeFreezeGateRule({ freezes, now: () => new Date(at) }).evaluate({});

describe('demo:change-freeze', () => {
  it('passes and says so when no freeze is configured', async () => {
    expect(await evaluateAt([], '2026-12-24T12:00:00Z')).toEqual({
      passed: true,
      reason: 'No change freeze is configured',
    });
  });

  it('fails while now is inside a freeze, naming why and until when', async () => {
    expect(await evaluateAt([BLACK_FRIDAY, YEAR_END], '2026-12-24T12:00:00Z')).toEqual({
      passed: false,
      reason: 'Change freeze in effect: Year-end holidays (until 2027-01-04T00:00:00.000Z)',
    });
  });

  it('counts the start as inside and the end as outside', async () => {
    expect((await evaluateAt([YEAR_END], '2026-12-20T00:00:00Z')).passed).toBe(false);
    expect((await evaluateAt([YEAR_END], '2027-01-03T23:59:59Z')).passed).toBe(false);
    expect((await evaluateAt([YEAR_END], '2027-01-04T00:00:00Z')).passed).toBe(true);
  });

  it('names every freeze in effect when they overlap', async () => {
    const outage: ChangeFreeze = {
      start: new Date('2026-12-22T00:00:00Z'),
      end: new Date('2026-12-23T00:00:00Z'),
      reason: 'Data centre move',
    };
    const outcome = await evaluateAt([YEAR_END, outage], '2026-12-22T08:00:00Z');
    expect(outcome.passed).toBe(false);
    expect(outcome.reason).toMatch(/Year-end holidays .*; Data centre move \(until 2026-12-23/);
  });

  it('passes between freezes, pointing at the next one', async () => {
    expect(await evaluateAt([YEAR_END, BLACK_FRIDAY], '2026-11-10T09:00:00Z')).toEqual({
      passed: true,
      reason:
        'No change freeze in effect; the next one starts 2026-11-26T00:00:00.000Z: Black Friday sales',
    });
    expect(await evaluateAt([YEAR_END, BLACK_FRIDAY], '2027-02-01T00:00:00Z')).toEqual({
      passed: true,
      reason: 'No change freeze in effect',
    });
  });
});

describe('readChangeFreezes', () => {
  const read = (changeFreezes: Record<string, string>[]) =>
    readChangeFreezes(new ConfigReader({ releaseCoordinationDemo: { changeFreezes } }));

  it('reads none when nothing is configured', () => {
    expect(readChangeFreezes(new ConfigReader({}))).toEqual([]);
  });

  it('reads date-times with offsets, and dates as midnight UTC', () => {
    expect(
      read([
        { start: '2026-12-20', end: '2027-01-04T09:00:00+01:00', reason: ' Year-end holidays ' },
      ]),
    ).toEqual([
      {
        start: new Date('2026-12-20T00:00:00Z'),
        end: new Date('2027-01-04T08:00:00Z'),
        reason: 'Year-end holidays',
      },
    ]);
  });

  it('fails with every mistake listed', () => {
    expect(() =>
      read([
        { start: 'next friday', end: '2026-12-01T00:00:00Z', reason: 'Sales' },
        { start: '2026-12-20T00:00:00Z', end: '2026-12-19T00:00:00Z', reason: 'Holidays' },
        { start: '2026-12-20T00:00:00Z', end: '2026-12-21T00:00:00Z' },
        { end: '2026-12-21T00:00:00Z', reason: 'Audit' },
      ]),
    ).toThrow(
      [
        "Invalid change freezes: releaseCoordinationDemo.changeFreezes[0].start: 'next friday' is not an ISO 8601 date or date-time",
        'releaseCoordinationDemo.changeFreezes[1]: start must be before end',
        'releaseCoordinationDemo.changeFreezes[2].reason is missing: say why nothing may ship',
        'releaseCoordinationDemo.changeFreezes[3].start is missing',
      ].join('; '),
    );
  });
});

describe('change freeze module', () => {
  /** A stage whose exit is guarded by the rule; the plugin refuses to start on unknown rules. */
  const config = (extra: object = {}) =>
    mockServices.rootConfig.factory({
      data: {
        releaseCoordination: {
          stages: [
            {
              name: 'deployment',
              exitGates: [
                { id: 'no-freeze', title: 'No change freeze', kind: 'rule', rule: 'demo:change-freeze' },
              ],
            },
          ],
        },
        ...extra,
      },
    });

  it('gives the plugin the rule that gate templates reference', async () => {
    const logger = mockServices.logger.mock();
    await startTestBackend({
      features: [releaseCoordinationPlugin, changeFreezeModule, config(), logger.factory],
    });
    expect(logger.info).toHaveBeenCalledWith(expect.stringContaining('1 custom gate rule'));
  });

  it('is needed for such a template', async () => {
    await expect(
      startTestBackend({ features: [releaseCoordinationPlugin, config()] }),
    ).rejects.toThrow(/unknown rule 'demo:change-freeze'/);
  });

  it('fails the start on a mistaken freeze', async () => {
    const freezes = { releaseCoordinationDemo: { changeFreezes: [{ start: 'soon', end: 'later' }] } };
    await expect(
      startTestBackend({
        features: [releaseCoordinationPlugin, changeFreezeModule, config(freezes)],
      }),
    ).rejects.toThrow(/Invalid change freezes/);
  });
});
