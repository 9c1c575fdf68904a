import {
  Content,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { Grid } from '@material-ui/core';
import { TrainDetail } from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { GateDialog } from '../GateDialog';
import { useTrainManagement } from '../shared';
import { DecisionLog } from './DecisionLog';
import { DependencyDriftCard } from './DependencyDriftCard';
import { GatesBoard } from './GatesBoard';
import { ParticipantsCard } from './ParticipantsCard';
import { TrainHeader } from './TrainHeader';
import { TrainStagesCard } from './TrainStagesCard';
import { TrainWaves } from './TrainWaves';
import { useTrain } from './useTrain';

/**
 * The sections of a loaded train, top to bottom. Each section is a component of its own that
 * gets the train (and, when it changes it, `onChanged`), so a new section is one more line here.
 */
function TrainSections(props: { train: TrainDetail; onChanged: () => void }) {
  const { train, onChanged } = props;
  // Until the answer is known the actions stay hidden rather than flicker in and out.
  const canManage = useTrainManagement(train).allowed;
  const [openGateId, setOpenGateId] = useState<string>();
  const openGate = train.gates.find(gate => gate.id === openGateId);
  return (
    <>
      <TrainHeader train={train} canManage={canManage} onChanged={onChanged} />
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <TrainStagesCard train={train} canManage={canManage} onAdvanced={onChanged} />
        </Grid>
        <Grid item xs={12}>
          <InfoCard title="Gates" subheader="Select a gate for its evidence and decisions">
            <GatesBoard train={train} onOpenGate={gate => setOpenGateId(gate.id)} />
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <ParticipantsCard train={train} canManage={canManage} onChanged={onChanged} />
        </Grid>
        <Grid item xs={12}>
          <TrainWaves participants={train.participants} />
        </Grid>
        <Grid item xs={12}>
          <DependencyDriftCard train={train} />
        </Grid>
        <Grid item xs={12}>
          <DecisionLog trainId={train.id} refreshKey={train.updatedAt} />
        </Grid>
      </Grid>
      {openGate && (
        <GateDialog
          gate={openGate}
          ambassadorRef={train.ambassadorRef}
          open
          onClose={() => setOpenGateId(undefined)}
          onDecided={onChanged}
        />
      )}
    </>
  );
}

/** One train: stage timeline, gates board, participants, waves, dependency drift, decision log. */
export function TrainView(props: { trainId: string }) {
  const { value: train, loading, error, retry } = useTrain(props.trainId);

  // Keep showing the train while a refetch runs, so an open dialog stays open.
  if (loading && !train) return <Progress />;
  if (error && !train) {
    return <ResponseErrorPanel error={error} title="Could not load the release train" />;
  }
  if (!train) return null;
  return <TrainSections train={train} onChanged={retry} />;
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
