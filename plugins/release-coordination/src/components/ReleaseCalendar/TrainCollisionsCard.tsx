import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Typography } from '@material-ui/core';
import { TrainDetail } from '@release-coordination/plugin-release-coordination-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseCoordinationApiRef } from '../../api';
import {
  HiddenEntitiesNote,
  LoadedContent,
  useTrainChangedSignal,
} from '../shared';
import { usePluginTranslation } from '../shared/translation';
import { CollisionsTable } from './CollisionsTable';

/** The collisions of a train, refetched when any train changes (another train's plan may move). */
export function useTrainCollisions(trainId: string, refreshKey: string) {
  const api = useApi(releaseCoordinationApiRef);
  const state = useAsyncRetry(
    () => api.getTrainCollisions({ trainId }),
    [api, trainId, refreshKey],
  );
  useTrainChangedSignal(state.retry);
  return state;
}

/**
 * Where the train's plan meets another active train or a change freeze, with the people to
 * talk to: on the overview, next to the gates it can hold back (`no-collisions`).
 */
export function TrainCollisionsCard(props: {
  train: Pick<TrainDetail, 'id' | 'status' | 'updatedAt'>;
}) {
  const { train } = props;
  const { t } = usePluginTranslation();
  const state = useTrainCollisions(train.id, train.updatedAt);
  return (
    <InfoCard
      title={t('calendar.collisions.trainTitle')}
      subheader={t('calendar.collisions.subheader')}
    >
      <LoadedContent
        state={state}
        errorTitle={t('calendar.collisions.loadError')}
        isEmpty={value => value.collisions.length === 0 && !value.hidden?.items}
        empty={
          <Typography variant="body2">
            {t('calendar.collisions.none')}
          </Typography>
        }
      >
        {value => (
          <>
            {value.collisions.length > 0 && (
              <CollisionsTable
                collisions={value.collisions}
                title={t('calendar.collisions.title')}
              />
            )}
            <HiddenEntitiesNote
              hidden={value.hidden}
              keys={['items']}
              itemWords={count =>
                t('calendar.collisions.hiddenCount', { count })
              }
            />
          </>
        )}
      </LoadedContent>
    </InfoCard>
  );
}
