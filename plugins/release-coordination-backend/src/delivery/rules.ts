import {
  GateRule,
  TrainGateRuleContext,
} from '@release-coordination/plugin-release-coordination-node';
import { TrainParticipant } from '@release-coordination/plugin-release-coordination-common';
import { OutcomeStore } from '../outcomes/OutcomeStore';
import { EnvironmentList, environmentsOf } from './environments';

/** Deployments of one participant to one environment read per evaluation; reports are few. */
const DEPLOYMENTS_READ = 50;

/**
 * `environment-parity`: before production, each participant's target version has run in the
 * environment before it (the one before the last of `releaseCoordination.environments`): a
 * successful deployment of exactly that version, reported in this train. For one participant
 * when the gate is per participant, for every participant otherwise.
 */
export function createEnvironmentParityRule(options: {
  store: Pick<OutcomeStore, 'listTrainDeployments'>;
  environments: EnvironmentList;
}): GateRule<TrainGateRuleContext> {
  const { store } = options;

  async function hasRun(
    trainId: string,
    participant: TrainParticipant,
    before: string,
  ): Promise<boolean> {
    const { items } = await store.listTrainDeployments(trainId, {
      environment: before,
      participantRef: participant.entityRef,
      limit: DEPLOYMENTS_READ,
      offset: 0,
    });
    return items.some(
      d => d.result === 'succeeded' && d.version === participant.targetVersion,
    );
  }

  return {
    id: 'environment-parity',
    description:
      "Each participant's target version ran in the environment before production " +
      '(the one before the last of the ordered environments)',
    async evaluate({ train, participant, participants }) {
      const environments = await environmentsOf(options.environments);
      const production = environments[environments.length - 1];
      const before = environments[environments.length - 2];
      if (!before) {
        return {
          passed: true,
          reason: `No environment comes before ${production}`,
        };
      }
      const checked = participant ? [participant] : participants;
      const missing: string[] = [];
      for (const p of checked) {
        if (!(await hasRun(train.id, p, before)))
          missing.push(`${p.entityRef} ${p.targetVersion}`);
      }
      if (missing.length === 0) {
        return {
          passed: true,
          reason: `${checked.map(p => `${p.entityRef} ${p.targetVersion}`).join(', ')} ran in ${before}`,
        };
      }
      return {
        passed: false,
        reason:
          `Not yet run in ${before}: ${missing.join(', ')}; deploy it there and report the ` +
          'deployment with its version',
      };
    },
  };
}
