import { InfoCard } from '@backstage/core-components';
import { Grid } from '@material-ui/core';
import { TrainDetail } from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import { GateDialog } from '../GateDialog';
import { RetrospectiveCard } from '../Retrospective';
import { DeploymentsCard, FeatureFlagsCard, RollbackReadinessCard } from '../TrainOutcomes';
import { useTrainManagement } from '../shared';
import { DecisionLog } from './DecisionLog';
import { DependencyDriftCard } from './DependencyDriftCard';
import { GatesBoard } from './GatesBoard';
import { ParticipantsCard } from './ParticipantsCard';
import { TrainHeader } from './TrainHeader';
import { TrainStagesCard } from './TrainStagesCard';
import { TrainWaves } from './TrainWaves';
import { useTrainRollBack } from './useTrainRollBack';

/** The gates board, with the dialog of the gate a person opens. */
function GatesSection(props: { train: TrainDetail; onChanged: () => void }) {
  const { train, onChanged } = props;
  const [openGateId, setOpenGateId] = useState<string>();
  const openGate = train.gates.find(gate => gate.id === openGateId);
  return (
    <>
      <InfoCard title="Gates" subheader="Select a gate for its evidence and decisions">
        <GatesBoard train={train} onOpenGate={gate => setOpenGateId(gate.id)} />
      </InfoCard>
      {openGate && (
        <GateDialog
          gate={openGate}
          open
          onClose={() => setOpenGateId(undefined)}
          onDecided={onChanged}
        />
      )}
    </>
  );
}

/** A released or rolled-back train has one thing left to do: its retrospective. */
export function isRetrospectiveDue(train: Pick<TrainDetail, 'status'>): boolean {
  return train.status === 'released' || train.status === 'rolled-back';
}

/**
 * The sections of a loaded train, in the order a release ambassador works through them: where
 * the train is, what blocks it, who takes part, in which order they ship, whether they can
 * roll back, the flags they ship behind, what was deployed, the lessons, and the record of
 * every decision. Each section is a component of its own that gets the train (and, when it
 * changes it, `onChanged`), so a new section is one more line here.
 */
export function TrainSections(props: { train: TrainDetail; onChanged: () => void }) {
  const { train, onChanged } = props;
  // Until the answer is known the actions stay hidden rather than flicker in and out.
  const canManage = useTrainManagement(train).allowed;
  const canRollBack = useTrainRollBack(train).allowed;
  const retrospectiveDue = isRetrospectiveDue(train);
  const retrospective = (
    <Grid item xs={12}>
      <RetrospectiveCard train={train} />
    </Grid>
  );
  return (
    <>
      <TrainHeader
        train={train}
        canManage={canManage}
        canRollBack={canRollBack}
        onChanged={onChanged}
      />
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <TrainStagesCard train={train} canManage={canManage} onAdvanced={onChanged} />
        </Grid>
        {retrospectiveDue && retrospective}
        <Grid item xs={12}>
          <GatesSection train={train} onChanged={onChanged} />
        </Grid>
        <Grid item xs={12}>
          <ParticipantsCard train={train} canManage={canManage} onChanged={onChanged} />
        </Grid>
        <Grid item xs={12} md={6}>
          <TrainWaves participants={train.participants} />
        </Grid>
        <Grid item xs={12} md={6}>
          <DependencyDriftCard train={train} />
        </Grid>
        <Grid item xs={12}>
          <RollbackReadinessCard train={train} />
        </Grid>
        <Grid item xs={12}>
          <FeatureFlagsCard train={train} />
        </Grid>
        <Grid item xs={12}>
          <DeploymentsCard train={train} />
        </Grid>
        {!retrospectiveDue && retrospective}
        <Grid item xs={12}>
          <DecisionLog trainId={train.id} refreshKey={train.updatedAt} gates={train.gates} />
        </Grid>
      </Grid>
    </>
  );
}
