import { TrainCollision } from '@release-coordination/plugin-release-coordination-common';
import { FreezeService } from '../freezes/FreezeService';
import { TrainStore } from '../trains/TrainStore';

/** Collisions with a train created, or a freeze declared, at or after `since`. */
export async function newCollisions(
  sources: {
    trains: Pick<TrainStore, 'getTrain'>;
    freezes: Pick<FreezeService, 'overlapping'>;
  },
  collisions: TrainCollision[],
  since: Date,
): Promise<TrainCollision[]> {
  const { trains, freezes } = sources;
  const otherIds = [
    ...new Set(
      collisions.flatMap(c => (c.otherTrain ? [c.otherTrain.id] : [])),
    ),
  ];
  const createdSince = new Set<string>();
  for (const id of otherIds) {
    const other = await trains.getTrain(id);
    if (other && Date.parse(other.createdAt) >= since.getTime())
      createdSince.add(id);
  }
  const declaredSince = new Set<string>();
  const crossed = collisions.flatMap(c => (c.freeze ? [c.freeze] : []));
  if (crossed.length > 0) {
    const starts = Math.min(...crossed.map(f => Date.parse(f.startsAt)));
    const ends = Math.max(...crossed.map(f => Date.parse(f.endsAt)));
    for (const freeze of await freezes.overlapping(
      new Date(starts),
      new Date(ends),
    )) {
      if (
        freeze.declaredAt &&
        Date.parse(freeze.declaredAt) >= since.getTime()
      ) {
        declaredSince.add(freeze.id);
      }
    }
  }
  return collisions.filter(
    c =>
      (c.otherTrain !== undefined && createdSince.has(c.otherTrain.id)) ||
      (c.freeze !== undefined && declaredSince.has(c.freeze.id)),
  );
}
