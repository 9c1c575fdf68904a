import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { Box, Chip, Typography } from '@material-ui/core';
import { ReleaseTrainSummary } from '@release-coordination/plugin-release-coordination-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseCoordinationApiRef } from '../../api';
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
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.listEntityTrains({ entityRef, limit: RECENT_TRAINS, offset: 0 }),
    [api, entityRef],
  );
  useTrainChangedSignal(retry);

  let content;
  if (loading && !value) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} title="Could not load the release trains" />;
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
            <Chip size="small" label={`stage: ${stage?.title ?? train.currentStage}`} />
            {stage?.late && <Chip size="small" color="secondary" label="late" />}
            {stage?.window && (
              <Chip
                size="small"
                variant="outlined"
                label={`until ${new Date(stage.window.end).toLocaleDateString()}`}
              />
            )}
          </Box>
          <Typography variant="body2">
            Ambassador: <EntityRefLink entityRef={train.ambassadorRef} defaultKind="user" />
          </Typography>
          <Typography variant="subtitle2" component="p" style={{ marginTop: 8 }}>
            Waiting on
          </Typography>
          <WaitsOn gates={gates} linkTerms={false} />
          {active.length > 1 && (
            <Typography variant="body2" color="textSecondary" style={{ marginTop: 8 }}>
              Also in {active.length - 1} other active train{active.length > 2 ? 's' : ''}:{' '}
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
          In no active release train. Last: <TrainName train={last.train} /> ({last.train.status}).
        </Typography>
      );
    } else {
      content = <Typography variant="body2">Not in any release train yet.</Typography>;
    }
  }
  return <InfoCard title="Release train">{content}</InfoCard>;
}
