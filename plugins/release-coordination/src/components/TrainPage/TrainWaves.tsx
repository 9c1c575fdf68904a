import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { InfoCard } from '@backstage/core-components';
import { Typography } from '@material-ui/core';
import { TrainParticipant } from '@release-coordination/plugin-release-coordination-common';
import { DeploymentWaves } from '../DependencyMatrix/DeploymentWaves';
import { releaseCoordinationTranslationRef } from '../../translations';

/** The order in which the participants ship, derived from their dependencies in the catalog. */
export function TrainWaves(props: { participants: TrainParticipant[] }) {
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const title = t('trainPage.waves.title');
  const subheader = t('trainPage.waves.subheader');
  if (props.participants.length === 0) {
    return (
      <InfoCard title={title} subheader={subheader}>
        <Typography variant="body2">{t('trainPage.waves.noParticipants')}</Typography>
      </InfoCard>
    );
  }
  return (
    <DeploymentWaves
      title={title}
      subheader={subheader}
      entityRefs={props.participants.map(p => p.entityRef)}
      emptyText={t('trainPage.waves.notInGraph')}
    />
  );
}
