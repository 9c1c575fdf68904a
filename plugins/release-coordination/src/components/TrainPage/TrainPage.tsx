import {
  Content,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Box, Button, Chip, Grid, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  TrainDecision,
  TrainDetail,
  TrainGate,
  TrainParticipant,
} from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { releaseCoordinationApiRef } from '../../api';
import { DeploymentWaves } from '../DependencyMatrix/DeploymentWaves';
import { GateDialog } from '../GateDialog';
import { CatalogRefLink, errorMessage } from '../shared';
import { GatesBoard } from './GatesBoard';
import { StageTimeline } from './StageTimeline';
import { useDecisions, useTrain } from './useTrain';

function TrainHeader(props: { train: TrainDetail }) {
  const { train } = props;
  const late = train.stages.some(stage => stage.status === 'current' && stage.late);
  return (
    <Box marginBottom={2}>
      <Box display="flex" alignItems="center" gridGap={8} flexWrap="wrap">
        <Typography variant="h4" component="h2">
          {train.name}
        </Typography>
        <Chip size="small" label={train.status} />
        {late && <Chip size="small" color="secondary" label="late" />}
      </Box>
      <Typography variant="body1">{train.objective}</Typography>
      <Typography variant="body2" color="textSecondary">
        Ambassador: <EntityRefLink entityRef={train.ambassadorRef} defaultKind="user" /> · stage{' '}
        {train.stages.find(stage => stage.name === train.currentStage)?.title ??
          train.currentStage}
      </Typography>
    </Box>
  );
}

/** "Advance to <next stage>", with the backend's refusal (the gates that block it) shown. */
function AdvanceStage(props: { train: TrainDetail; onAdvanced: () => void }) {
  const { train, onAdvanced } = props;
  const api = useApi(releaseCoordinationApiRef);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const index = train.stages.findIndex(stage => stage.name === train.currentStage);
  const next = index >= 0 ? train.stages[index + 1] : undefined;
  if (train.status !== 'active' || !next) {
    return null;
  }
  async function advance() {
    setBusy(true);
    setError(undefined);
    try {
      await api.advanceStage({ trainId: train.id, expectedStage: train.currentStage });
      onAdvanced();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Box display="flex" flexDirection="column" alignItems="flex-start" gridGap={8}>
      <Button variant="contained" color="primary" disabled={busy} onClick={advance}>
        Advance to {next.title}
      </Button>
      {error && (
        <Alert severity="error" role="alert">
          {error}
        </Alert>
      )}
    </Box>
  );
}

function TrainWaves(props: { participants: TrainParticipant[] }) {
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

const participantColumns: TableColumn<TrainParticipant>[] = [
  {
    title: 'Participant',
    field: 'entityRef',
    render: p => <EntityRefLink entityRef={p.entityRef} defaultKind="component" />,
  },
  { title: 'Target version', field: 'targetVersion' },
  {
    title: 'Owner',
    field: 'ownerRef',
    render: p =>
      p.ownerRef ? (
        <CatalogRefLink entityRef={p.ownerRef} />
      ) : (
        <Chip size="small" variant="outlined" label="No owner" />
      ),
  },
];

const decisionColumns: TableColumn<TrainDecision>[] = [
  { title: 'Time', field: 'createdAt', render: d => new Date(d.createdAt).toLocaleString() },
  {
    title: 'Actor',
    field: 'actorRef',
    render: d => <CatalogRefLink entityRef={d.actorRef} />,
  },
  { title: 'Action', field: 'action' },
  { title: 'Subject', field: 'subject' },
  { title: 'Reason', field: 'reason', render: d => d.reason ?? '' },
];

function DecisionLog(props: { trainId: string }) {
  const { value, loading, error } = useDecisions(props.trainId);
  if (loading && !value) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} title="Could not load the decision log" />;
  return (
    <Table
      title="Decision log"
      options={{ paging: (value?.items.length ?? 0) > 20, pageSize: 20, search: true }}
      columns={decisionColumns}
      data={value?.items ?? []}
      emptyContent={
        <Box padding={2}>
          <Typography variant="body2">No decisions logged yet.</Typography>
        </Box>
      }
    />
  );
}

/** One train: stage timeline, gates board, waves, participants and decision log. */
export function TrainView(props: { trainId: string }) {
  const { trainId } = props;
  const { value: train, loading, error, retry } = useTrain(trainId);
  const [openGateId, setOpenGateId] = useState<string>();

  // Keep showing the train while a refetch runs, so an open dialog stays open.
  if (loading && !train) return <Progress />;
  if (error && !train) {
    return <ResponseErrorPanel error={error} title="Could not load the release train" />;
  }
  if (!train) return null;
  const openGate = train.gates.find(gate => gate.id === openGateId);
  return (
    <>
      <TrainHeader train={train} />
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <InfoCard title="Stages">
            <StageTimeline stages={train.stages} />
            <Box marginTop={2}>
              <AdvanceStage train={train} onAdvanced={retry} />
            </Box>
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <InfoCard title="Gates" subheader="Select a gate for its evidence and decisions">
            <GatesBoard train={train} onOpenGate={(gate: TrainGate) => setOpenGateId(gate.id)} />
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <TrainWaves participants={train.participants} />
        </Grid>
        <Grid item xs={12}>
          <Table
            title="Participants"
            options={{ paging: false, search: false }}
            columns={participantColumns}
            data={train.participants}
          />
        </Grid>
        <Grid item xs={12}>
          <DecisionLog trainId={train.id} />
        </Grid>
      </Grid>
      {openGate && (
        <GateDialog
          gate={openGate}
          open
          onClose={() => setOpenGateId(undefined)}
          onDecided={retry}
        />
      )}
    </>
  );
}

/** The train of the route's `:trainId`. */
export function TrainPageContent() {
  const { trainId = '' } = useParams();
  return (
    <Content>
      <TrainView trainId={trainId} />
    </Content>
  );
}

/** The train page with its own header (legacy frontend system). */
export function TrainPage() {
  return (
    <Page themeId="tool">
      <Header title="Release train" type="Release coordination" />
      <TrainPageContent />
    </Page>
  );
}
