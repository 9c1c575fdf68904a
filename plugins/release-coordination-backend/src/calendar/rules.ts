import { TrainCollision } from '@release-coordination/plugin-release-coordination-common';
import {
  GateRule,
  TrainGateRuleContext,
} from '@release-coordination/plugin-release-coordination-node';
import { CalendarService } from './CalendarService';

/** One line per collision, as a gate's reason shows it. */
export function describeCollision(collision: TrainCollision): string {
  switch (collision.kind) {
    case 'shared-participant':
      return `${collision.entityRef} also ships in ${collision.otherTrain?.name}`;
    case 'dependent-deployments':
      return `${collision.entityRef} ${
        collision.direction === 'upstream' ? 'depends on' : 'is a dependency of'
      } ${collision.otherEntityRef}, which deploys in ${collision.otherTrain?.name} at the same time`;
    case 'freeze':
    default:
      return `${collision.entityRef} deploys during the change freeze "${collision.freeze?.reason}"`;
  }
}

/**
 * `no-collisions`: fails while the train's plan collides with another active train (a shared
 * participant, or dependent components deploying in overlapping windows) or its deployment
 * window crosses a change freeze covering a participant. For one participant when the gate is
 * per participant, for every participant otherwise. Someone resolves the collision (moves a
 * window, takes a participant out) or waives the gate with a reason.
 */
export function createNoCollisionsRule(options: {
  calendar: Pick<CalendarService, 'collisionsForRule'>;
}): GateRule<TrainGateRuleContext> {
  const { calendar } = options;
  return {
    id: 'no-collisions',
    description:
      'The plan collides with no other train and crosses no change freeze',
    async evaluate({ train, participant }) {
      const collisions = (await calendar.collisionsForRule(train.id)).filter(
        c => !participant || c.entityRef === participant.entityRef,
      );
      if (collisions.length === 0) {
        return {
          passed: true,
          reason: 'No collision with another train or a change freeze',
        };
      }
      return {
        passed: false,
        reason: `${collisions.length} collision(s): ${collisions.map(describeCollision).join('; ')}`,
      };
    },
  };
}
