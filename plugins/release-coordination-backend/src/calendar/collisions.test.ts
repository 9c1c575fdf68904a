import { FreezeWindow } from '@release-coordination/plugin-release-coordination-common';
import { deriveDependencyGraph, DependencyIndex } from '../dependencies/graph';
import { TestCatalog } from '../dependencies/graph/testEntities';
import { collisionsOf, overlapOf, PlannedTrain } from './collisions';

/** web depends on api, which depends on db; db is part of the data System. */
const index = new DependencyIndex(
  deriveDependencyGraph(
    new TestCatalog()
      .add('group:web-team')
      .add('group:api-team')
      .add('group:data-team')
      .add('system:data', { owner: 'data-team' })
      .add('web', { owner: 'web-team', dependsOn: ['api'] })
      .add('api', { owner: 'api-team', dependsOn: ['db'] })
      .add('db', { owner: 'data-team', system: 'data' })
      .add('docs', { owner: 'web-team' })
      .build(),
  ),
);

const ref = (name: string) => `component:default/${name}`;
const day = (d: number, hour = 0) =>
  new Date(Date.UTC(2027, 0, d, hour)).toISOString();

/** A train whose deployment (its last stage) runs from `deploys[0]` to `deploys[1]` (days of January). */
function train(
  id: string,
  participants: string[],
  deploys?: [number, number],
  status: PlannedTrain['train']['status'] = 'active',
): PlannedTrain {
  return {
    train: {
      id,
      name: `Train ${id}`,
      ambassadorRef: `user:default/${id}-ambassador`,
      status,
      currentStage: 'planning',
      stagePlan: [
        {
          name: 'planning',
          title: 'Planning',
          window: { start: day(1), end: day(5) },
        },
        {
          name: 'deployment',
          title: 'Deployment',
          ...(deploys
            ? { window: { start: day(deploys[0]), end: day(deploys[1]) } }
            : {}),
        },
      ],
    },
    participants: participants.map(name => ({
      entityRef: ref(name),
      targetVersion: '1.0.0',
    })),
  };
}

const freeze = (
  startDay: number,
  endDay: number,
  scope: FreezeWindow['scope'],
): FreezeWindow => ({
  id: 'config-1',
  startsAt: day(startDay),
  endsAt: day(endDay),
  reason: 'Year-end',
  scope,
  source: 'config',
});

describe('collisionsOf', () => {
  it('finds the same participant in another active train, whatever the windows', () => {
    const a = train('a', ['api', 'docs'], [10, 12]);
    const b = train('b', ['api'], [20, 22]);
    expect(collisionsOf(a, [a, b], [], index)).toEqual([
      {
        kind: 'shared-participant',
        trainId: 'a',
        entityRef: ref('api'),
        otherTrain: {
          id: 'b',
          name: 'Train b',
          ambassadorRef: 'user:default/b-ambassador',
        },
        otherEntityRef: ref('api'),
        contacts: ['group:default/api-team', 'user:default/b-ambassador'],
      },
    ]);
  });

  it('finds dependent components deploying in overlapping windows, in both directions', () => {
    const a = train('a', ['web'], [10, 12]);
    const b = train('b', ['api'], [11, 13]);
    const overlap = { start: day(11), end: day(12) };
    expect(collisionsOf(a, [a, b], [], index)).toEqual([
      expect.objectContaining({
        kind: 'dependent-deployments',
        entityRef: ref('web'),
        otherEntityRef: ref('api'),
        direction: 'upstream',
        overlap,
        contacts: [
          'group:default/web-team',
          'group:default/api-team',
          'user:default/b-ambassador',
        ],
      }),
    ]);
    expect(collisionsOf(b, [a, b], [], index)).toEqual([
      expect.objectContaining({
        kind: 'dependent-deployments',
        entityRef: ref('api'),
        otherEntityRef: ref('web'),
        direction: 'downstream',
        overlap,
      }),
    ]);
  });

  it('finds a dependency shipping in both trains twice: shared, and next to a participant', () => {
    const a = train('a', ['web', 'api'], [10, 12]);
    const b = train('b', ['api'], [11, 13]);
    expect(
      collisionsOf(a, [a, b], [], index).map(c => [
        c.kind,
        c.entityRef,
        c.otherEntityRef,
      ]),
    ).toEqual([
      ['shared-participant', ref('api'), ref('api')],
      ['dependent-deployments', ref('web'), ref('api')],
    ]);
  });

  it('does not count windows that only touch, entities two edges apart, or trains without windows', () => {
    const a = train('a', ['web'], [10, 12]);
    expect(
      collisionsOf(a, [a, train('b', ['api'], [12, 14])], [], index),
    ).toEqual([]);
    expect(
      collisionsOf(a, [a, train('c', ['db'], [10, 12])], [], index),
    ).toEqual([]);
    expect(collisionsOf(a, [a, train('d', ['api'])], [], index)).toEqual([]);
  });

  it('compares only active trains', () => {
    const a = train('a', ['api'], [10, 12]);
    const released = train('b', ['api', 'web'], [10, 12], 'released');
    expect(collisionsOf(a, [a, released], [], index)).toEqual([]);
    expect(collisionsOf(released, [a, released], [], index)).toEqual([]);
  });

  it('finds a deployment window crossing a freeze that covers a participant', () => {
    const a = train('a', ['web', 'db'], [10, 12]);
    expect(
      collisionsOf(
        a,
        [a],
        [freeze(11, 20, { kind: 'system', ref: 'system:default/data' })],
        index,
      ),
    ).toEqual([
      {
        kind: 'freeze',
        trainId: 'a',
        entityRef: ref('db'),
        freeze: {
          id: 'config-1',
          reason: 'Year-end',
          startsAt: day(11),
          endsAt: day(20),
          scope: { kind: 'system', ref: 'system:default/data' },
        },
        overlap: { start: day(11), end: day(12) },
        contacts: ['group:default/data-team'],
      },
    ]);
    expect(
      collisionsOf(a, [a], [freeze(12, 20, { kind: 'all' })], index),
    ).toEqual([]);
    expect(
      collisionsOf(a, [a], [freeze(1, 11, { kind: 'all' })], index).map(
        c => c.entityRef,
      ),
    ).toEqual([ref('db'), ref('web')]);
  });

  it('takes the stored owner of a participant before the graph', () => {
    const a = train('a', ['api'], [10, 12]);
    a.participants[0].ownerRef = 'group:default/platform';
    const b = train('b', ['api']);
    expect(collisionsOf(a, [a, b], [], index)[0].contacts).toEqual([
      'group:default/platform',
      'group:default/api-team',
      'user:default/b-ambassador',
    ]);
  });
});

describe('overlapOf', () => {
  it('is the common part of two windows, none when they only touch', () => {
    expect(
      overlapOf({ start: day(1), end: day(5) }, { start: day(3), end: day(9) }),
    ).toEqual({
      start: day(3),
      end: day(5),
    });
    expect(
      overlapOf({ start: day(1), end: day(3) }, { start: day(3), end: day(9) }),
    ).toBeUndefined();
  });
});
