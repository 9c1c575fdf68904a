import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { Box, Chip, Typography } from '@material-ui/core';
import { ReleaseTrainSummary } from '@release-coordination/plugin-release-coordination-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseCoordinationApiRef } from '../../api';
import { releaseCoordinationTranslationRef } from '../../translations';
import { useTrainChangedSignal, useTrainLink } from '../shared';
import { WaitsOn, groupByTrain } from './EntityReleaseTrainsContent';

/**
 * How many of the entity's newest trains are read to find its current one: an entity is
 * rarely in more than a few active trains at once.
 */
const RECENT_TRAINS = 10;

function TrainName(props: { train: ReleaseTrainSummary }) {
  const trainLink = useTrainLink();
  const { train } = props;
  return trainLink ? <Link to={trainLink(train.id)}>{train.name}</Link> : <>{train.name}</>;
}

/**
 * The entity's release train at a glance, for the overview of a Component or System page: the
 * train it is in now (the newest active one), its stage, and the entity's gates that hold it,
 * each with who decides; or the last train it shipped with. Refreshed when a train changes.
 */
export function EntityReleaseTrainCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(releaseCoordinationApiRef);
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.listEntityTrains({ entityRef, limit: RECENT_TRAINS, offset: 0 }),
    [api, entityRef],
  );
  useTrainChangedSignal(retry);

  let content;
  if (loading && !value) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} title={t('entityTrains.card.loadError')} />;
  } else {
    const groups = groupByTrain(value?.items ?? []);
    const active = groups.filter(group => group.train.status === 'active');
    const current = active[0];
    const last = groups[0];
    if (current) {
      const { train, participations } = current;
      const stage = train.stages.find(s => s.name === train.currentStage);
      const gates = participations.flatMap(p => p.gates);
      content = (
        <>
          <Typography variant="h6" component="p">
            <TrainName train={train} />
          </Typography>
          <Box display="flex" flexWrap="wrap" style={{ gap: 8 }} my={1}>
            <Chip size="small" label={t('entityTrains.card.stage', { stage: stage?.title ?? train.currentStage })} />
            {stage?.late && <Chip size="small" color="secondary" label={t('entityTrains.card.late')} />}
            {stage?.window && (
              <Chip
                size="small"
                variant="outlined"
                label={t('entityTrains.card.until', {
                  date: new Date(stage.window.end).toLocaleDateString(),
                })}
              />
            )}
          </Box>
          <Typography variant="body2">
            {t('entityTrains.card.ambassador', {
              ambassador: <EntityRefLink entityRef={train.ambassadorRef} defaultKind="user" />,
            })}
          </Typography>
          <Typography variant="subtitle2" component="p" style={{ marginTop: 8 }}>
            {t('entityTrains.card.waitingOn')}
          </Typography>
          <WaitsOn gates={gates} linkTerms={false} />
          {active.length > 1 && (
            <Typography variant="body2" color="textSecondary" style={{ marginTop: 8 }}>
              {t('entityTrains.card.alsoIn', { count: active.length - 1 })}
              {active.slice(1).map((group, i) => (
                <span key={group.train.id}>
                  {i > 0 && ', '}
                  <TrainName train={group.train} />
                </span>
              ))}
            </Typography>
          )}
        </>
      );
    } else if (last) {
      content = (
        <Typography variant="body2">
          {t('entityTrains.card.noActive', {
            train: <TrainName train={last.train} />,
            status: last.train.status,
          })}
        </Typography>
      );
    } else {
      content = <Typography variant="body2">{t('entityTrains.card.none')}</Typography>;
    }
  }
  return <InfoCard title={t('entityTrains.card.title')}>{content}</InfoCard>;
}
