import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useAnalytics, useApi } from '@backstage/core-plugin-api';
import { InfoCard } from '@backstage/core-components';
import { Box, Button } from '@material-ui/core';
import { TrainDetail } from '@release-coordination/plugin-release-coordination-common';
import { releaseCoordinationApiRef } from '../../api';
import { releaseCoordinationTranslationRef } from '../../translations';
import { RequestErrorAlert, useBackendRequest } from '../shared';
import { StageTimeline } from './StageTimeline';

/** "Advance to <next stage>", with the backend's refusal (the gates that block it) shown. */
function AdvanceStage(props: { train: TrainDetail; onAdvanced: () => void }) {
  const { train, onAdvanced } = props;
  const api = useApi(releaseCoordinationApiRef);
  const analytics = useAnalytics();
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const { busy, error, send } = useBackendRequest();
  const index = train.stages.findIndex(stage => stage.name === train.currentStage);
  const next = index >= 0 ? train.stages[index + 1] : undefined;
  if (train.status !== 'active' || !next) {
    return null;
  }
  async function advance() {
    await send(
      () => api.advanceStage({ trainId: train.id, expectedStage: train.currentStage }),
      advanced => {
        analytics.captureEvent('advance', train.name, {
          attributes: {
            trainId: train.id,
            fromStage: train.currentStage,
            toStage: advanced.currentStage,
          },
        });
        onAdvanced();
      },
    );
  }
  return (
    <Box display="flex" flexDirection="column" alignItems="flex-start" gridGap={8} marginTop={2}>
      <Button variant="contained" color="primary" disabled={busy} onClick={advance}>
        {t('trainPage.stages.advance', { stage: next.title })}
      </Button>
      <RequestErrorAlert error={error} />
    </Box>
  );
}

/**
 * The stage timeline, and for those who may manage the train the advance to the next stage
 * (the backend refuses everyone else, so the button is not offered to them).
 */
export function TrainStagesCard(props: {
  train: TrainDetail;
  canManage: boolean;
  onAdvanced: () => void;
}) {
  const { train, canManage, onAdvanced } = props;
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  return (
    <InfoCard title={t('trainPage.stages.title')}>
      <StageTimeline stages={train.stages} />
      {canManage && <AdvanceStage train={train} onAdvanced={onAdvanced} />}
    </InfoCard>
  );
}
