import { CadenceRotationChange } from '@release-coordination/plugin-release-coordination-common';
import {
  nextOccurrence,
  occurrenceWindows,
  suggestAmbassador,
} from './rotation';

const CADENCE = {
  firstStart: '2027-01-04T09:00:00.000Z',
  intervalDays: 14,
  stageOffsets: [
    { stage: 'planning', startDay: 0, endDay: 2 },
    { stage: 'deployment', startDay: 10, endDay: 11 },
  ],
};

const change = (
  partial: Partial<CadenceRotationChange> &
    Pick<CadenceRotationChange, 'kind' | 'memberRef' | 'occurrence'>,
): CadenceRotationChange => ({
  id: '1',
  reason: 'On leave',
  recordedBy: 'user:default/admin',
  recordedAt: '2027-01-01T00:00:00.000Z',
  ...partial,
});

describe('the rotation of a cadence', () => {
  it('places each occurrence an interval after the last, each stage at its offsets', () => {
    expect(occurrenceWindows(CADENCE, 3)).toEqual({
      planning: {
        start: '2027-02-01T09:00:00.000Z',
        end: '2027-02-03T09:00:00.000Z',
      },
      deployment: {
        start: '2027-02-11T09:00:00.000Z',
        end: '2027-02-12T09:00:00.000Z',
      },
    });
  });

  it('goes on after the newest train, but never into a period that is over', () => {
    const early = new Date('2026-12-01T00:00:00Z');
    expect(nextOccurrence(CADENCE, undefined, early)).toBe(1);
    expect(nextOccurrence(CADENCE, 4, early)).toBe(5);
    // Three intervals and a day after the first start: the fourth occurrence runs now.
    const later = new Date('2027-02-16T09:00:00Z');
    expect(nextOccurrence(CADENCE, 1, later)).toBe(4);
    expect(nextOccurrence(CADENCE, 6, later)).toBe(7);
  });

  it('suggests who ran the fewest trains, then who ran longest ago, then roster order', () => {
    const roster = [
      'user:default/bob',
      'user:default/carol',
      'user:default/dan',
    ];
    const runs = new Map([
      ['user:default/bob', { runs: 2, lastOccurrence: 4 }],
      ['user:default/carol', { runs: 1, lastOccurrence: 3 }],
      ['user:default/dan', { runs: 1, lastOccurrence: 2 }],
    ]);
    expect(
      suggestAmbassador({ roster, runs, changes: [], occurrence: 5 }),
    ).toEqual({
      memberRef: 'user:default/dan',
      reason:
        'user:default/dan ran 1 train(s) of the series, the latest #2, the fewest on the roster',
    });
    expect(
      suggestAmbassador({ roster, runs: new Map(), changes: [], occurrence: 1 })
        ?.memberRef,
    ).toBe('user:default/bob');
  });

  it('leaves out who skips the occurrence, and hands a swapped one to the substitute', () => {
    const roster = ['user:default/bob', 'user:default/carol'];
    const skip = change({
      kind: 'skip',
      memberRef: 'user:default/bob',
      occurrence: 2,
    });
    expect(
      suggestAmbassador({
        roster,
        runs: new Map(),
        changes: [skip],
        occurrence: 2,
      })?.memberRef,
    ).toBe('user:default/carol');
    // A skip of another occurrence changes nothing.
    expect(
      suggestAmbassador({
        roster,
        runs: new Map(),
        changes: [skip],
        occurrence: 3,
      })?.memberRef,
    ).toBe('user:default/bob');
    const swap = change({
      kind: 'swap',
      memberRef: 'user:default/bob',
      substituteRef: 'user:default/carol',
      occurrence: 2,
      reason: 'Conference week',
    });
    expect(
      suggestAmbassador({
        roster,
        runs: new Map(),
        changes: [swap],
        occurrence: 2,
      }),
    ).toEqual({
      memberRef: 'user:default/carol',
      reason:
        'Swapped with user:default/bob (Conference week); user:default/bob has not run a train of the series yet, the fewest on the roster',
    });
    expect(
      suggestAmbassador({
        roster: ['user:default/bob'],
        runs: new Map(),
        changes: [skip],
        occurrence: 2,
      }),
    ).toBeUndefined();
  });
});
