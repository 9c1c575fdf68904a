import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { Box, Chip, Grid, Typography } from '@material-ui/core';
import {
  EntityTrain,
  TrainGate,
} from '@release-coordination/plugin-release-coordination-common';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseCoordinationApiRef } from '../../api';
import {
  GateStateChip,
  isOpenGate,
  sameRef,
  useTrainChangedSignal,
  useTrainLink,
} from '../shared';

/** The trains the entity takes part in, refetched when any of them changes. */
export function useEntityTrains(entityRef: string) {
  const api = useApi(releaseCoordinationApiRef);
  const state = useAsyncRetry(() => api.listEntityTrains({ entityRef }), [api, entityRef]);
  useTrainChangedSignal(state.retry);
  return state;
}

/**
 * Which deployment wave of its train the participant ships in. The entity's train entry does
 * not list the other participants, so the train is loaded for them.
 */
function useParticipantWave(trainId: string, entityRef: string) {
  const api = useApi(releaseCoordinationApiRef);
  return useAsync(async () => {
    const train = await api.getTrain({ trainId });
    const { plan } = await api.getDeploymentWaves({
      entityRefs: train.participants.map(p => p.entityRef),
    });
    const wave = plan.waves.find(w => w.members.some(member => sameRef(member, entityRef)));
    return { wave, waveCount: plan.waves.length };
  }, [api, trainId, entityRef]);
}

function ParticipantWave(props: { trainId: string; entityRef: string }) {
  const { value, loading, error } = useParticipantWave(props.trainId, props.entityRef);
  let text: string;
  if (loading) text = 'Deployment wave: loading…';
  else if (error) text = `Deployment wave unknown: ${error.message}`;
  else if (!value?.wave) text = 'Deployment wave unknown: not in the dependency graph yet';
  else {
    text = `Deployment wave ${value.wave.index + 1} of ${value.waveCount}${
      value.wave.cycle ? ' (ships together with a dependency cycle)' : ''
    }`;
  }
  return (
    <Typography variant="body2" data-testid="participant-wave">
      {text}
    </Typography>
  );
}

function WaitsOn(props: { gates: TrainGate[] }) {
  const open = props.gates.filter(isOpenGate);
  if (open.length === 0) {
    return <Typography variant="body2">Nothing: all its gates are passed or waived.</Typography>;
  }
  return (
    <ul style={{ margin: 0, paddingLeft: 20 }}>
      {open.map(gate => (
        <li key={gate.id}>
          <Typography variant="body2" component="span">
            {gate.title} ({gate.stage}, {gate.state})
            {gate.kind === 'approval' &&
              (gate.approverRef ? (
                <>
                  {' '}
                  — decided by{' '}
                  <EntityRefLink entityRef={gate.approverRef} defaultKind="group" />
                </>
              ) : (
                ' — no approver resolved'
              ))}
            {gate.kind === 'check' && ` — CI check ${gate.checkName ?? ''}`}
            {gate.kind === 'rule' && gate.reason && ` — ${gate.reason}`}
          </Typography>
        </li>
      ))}
    </ul>
  );
}

function EntityTrainCard(props: { item: EntityTrain; entityRef: string }) {
  const { item, entityRef } = props;
  const trainLink = useTrainLink();
  return (
    <InfoCard
      title={
        trainLink ? (
          <Link to={trainLink(item.train.id)}>{item.train.name}</Link>
        ) : (
          item.train.name
        )
      }
      subheader={item.train.objective}
    >
      <Box display="flex" gridGap={8} alignItems="center" flexWrap="wrap" marginBottom={1}>
        <Chip size="small" label={`stage: ${item.train.currentStage}`} />
        <Chip size="small" variant="outlined" label={item.train.status} />
        <Typography variant="body2">Target version {item.participant.targetVersion}</Typography>
      </Box>
      <ParticipantWave trainId={item.train.id} entityRef={entityRef} />
      <Box marginTop={2}>
        <Typography variant="subtitle2" component="h3">
          Its gates
        </Typography>
        {item.gates.length === 0 ? (
          <Typography variant="body2">No gates for this entity.</Typography>
        ) : (
          <ul style={{ margin: 0, paddingLeft: 20 }} aria-label={`Gates in ${item.train.name}`}>
            {item.gates.map(gate => (
              <li key={gate.id}>
                <Box display="flex" alignItems="center" gridGap={8}>
                  <Typography variant="body2">
                    {gate.stage}: {gate.title}
                  </Typography>
                  <GateStateChip state={gate.state} />
                </Box>
              </li>
            ))}
          </ul>
        )}
      </Box>
      <Box marginTop={2}>
        <Typography variant="subtitle2" component="h3">
          Waits on
        </Typography>
        <WaitsOn gates={item.gates} />
      </Box>
    </InfoCard>
  );
}

/** The Release trains tab of Component and System pages. */
export function EntityReleaseTrainsContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error } = useEntityTrains(entityRef);
  if (loading && !value) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} title="Could not load release trains" />;
  if (!value || value.items.length === 0) {
    return (
      <EmptyState
        missing="data"
        title={`${entity.metadata.title ?? entity.metadata.name} is in no release train`}
        description="A release ambassador adds components to a train when it is created."
      />
    );
  }
  return (
    <Grid container spacing={3}>
      {value.items.map(item => (
        <Grid item xs={12} md={6} key={item.train.id}>
          <EntityTrainCard item={item} entityRef={entityRef} />
        </Grid>
      ))}
    </Grid>
  );
}
