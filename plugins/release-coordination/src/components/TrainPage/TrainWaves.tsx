import { InfoCard } from '@backstage/core-components';
import { Typography } from '@material-ui/core';
import { TrainParticipant } from '@release-coordination/plugin-release-coordination-common';
import { DeploymentWaves } from '../DependencyMatrix/DeploymentWaves';

/** The order in which the participants ship, derived from their dependencies in the catalog. */
export function TrainWaves(props: { participants: TrainParticipant[] }) {
  const title = 'Deployment waves';
  const subheader = 'Providers ship before their consumers';
  if (props.participants.length === 0) {
    return (
      <InfoCard title={title} subheader={subheader}>
        <Typography variant="body2">The train has no participants yet.</Typography>
      </InfoCard>
    );
  }
  return (
    <DeploymentWaves
      title={title}
      subheader={subheader}
      entityRefs={props.participants.map(p => p.entityRef)}
      emptyText="None of the participants is in the dependency graph yet, so there is no order to show."
    />
  );
}
