import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { InfoCard } from '@backstage/core-components';
import { Grid, makeStyles, Tab, Tabs } from '@material-ui/core';
import { TrainDetail } from '@release-coordination/plugin-release-coordination-common';
import { ReactNode, useState } from 'react';
import { CompatibilityCard } from '../Compatibility';
import { IncidentsCard } from '../Incidents';
import { GateDialog } from '../GateDialog';
import { RetrospectiveCard } from '../Retrospective';
import { TrainCollisionsCard } from '../ReleaseCalendar';
import { RiskScoreCard } from '../TrainRisk';
import { StandupSection } from '../TrainStandup';
import { ReviewSection } from '../TrainReview';
import { RunbookCard } from '../TrainRunbook';
import {
  DeploymentsCard,
  EnvironmentMatrixCard,
  FeatureFlagsCard,
  RollbackReadinessCard,
} from '../TrainOutcomes';
import { TRAIN_TABS, TrainTab, trainTabLabel, useTrainManagement } from '../shared';
import { DecisionLog } from './DecisionLog';
import { DependencyDriftCard } from './DependencyDriftCard';
import { GatesBoard } from './GatesBoard';
import { ParticipantsCard } from './ParticipantsCard';
import { TrainHeader } from './TrainHeader';
import { TrainStagesCard } from './TrainStagesCard';
import { TrainWaves } from './TrainWaves';
import { releaseCoordinationTranslationRef } from '../../translations';
import { useTrainRollBack } from './useTrainRollBack';
import { useTrainTab } from './useTrainTab';

/** The gates board, with the dialog of the gate a person opens. */
function GatesSection(props: { train: TrainDetail; onChanged: () => void }) {
  const { train, onChanged } = props;
  const [openGateId, setOpenGateId] = useState<string>();
  const openGate = train.gates.find(gate => gate.id === openGateId);
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  return (
    <>
      <InfoCard title={t('trainPage.gates.title')} subheader={t('trainPage.gates.subheader')}>
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

const useStyles = makeStyles(theme => ({
  tabs: {
    marginBottom: theme.spacing(3),
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  tab: { textTransform: 'none', minWidth: 120 },
}));

const tabId = (tab: TrainTab) => `train-tab-${tab}`;
const panelId = (tab: TrainTab) => `train-tabpanel-${tab}`;

/**
 * The sections of a loaded train under its header, in tabs: the overview a release ambassador
 * works from (where the train is, what blocks it, who takes part), then in which order and how
 * the participants ship, whether they can roll back and the flags they ship behind, the
 * lessons, and the record of every decision. The selected tab is in the query (`?tab=`), so
 * links and reloads keep it. Only the selected tab is mounted: each section loads its own data
 * (with its own loading and error states) when its tab is opened. Each section is a component
 * of its own that gets the train (and, when it changes it, `onChanged`), so a new section is
 * one more line in its tab.
 */
export function TrainSections(props: { train: TrainDetail; onChanged: () => void }) {
  const { train, onChanged } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const [tab, selectTab] = useTrainTab();
  // Until the answer is known the actions stay hidden rather than flicker in and out.
  const canManage = useTrainManagement(train).allowed;
  const canRollBack = useTrainRollBack(train).allowed;
  const retrospective = (
    <Grid item xs={12}>
      <RetrospectiveCard train={train} />
    </Grid>
  );
  const sections: Record<TrainTab, ReactNode> = {
    overview: (
      <>
        <Grid item xs={12}>
          <TrainStagesCard train={train} canManage={canManage} onAdvanced={onChanged} />
        </Grid>
        {/* Once the train is done, its retrospective is what is left: shown where people land. */}
        {isRetrospectiveDue(train) && retrospective}
        <Grid item xs={12}>
          <GatesSection train={train} onChanged={onChanged} />
        </Grid>
        <Grid item xs={12}>
          <ParticipantsCard train={train} canManage={canManage} onChanged={onChanged} />
        </Grid>
        {train.status === 'active' && (
          <>
            <Grid item xs={12}>
              <RiskScoreCard train={train} />
            </Grid>
            <Grid item xs={12}>
              <TrainCollisionsCard train={train} />
            </Grid>
          </>
        )}
      </>
    ),
    standup: (
      <Grid item xs={12}>
        <StandupSection train={train} />
      </Grid>
    ),
    review: (
      <Grid item xs={12}>
        <ReviewSection train={train} />
      </Grid>
    ),
    deployments: (
      <>
        <Grid item xs={12}>
          <EnvironmentMatrixCard train={train} />
        </Grid>
        <Grid item xs={12}>
          <CompatibilityCard trainId={train.id} />
        </Grid>
        <Grid item xs={12}>
          <DeploymentsCard train={train} />
        </Grid>
        <Grid item xs={12}>
          <IncidentsCard of={{ trainId: train.id }} />
        </Grid>
        <Grid item xs={12} md={6}>
          <TrainWaves participants={train.participants} />
        </Grid>
        <Grid item xs={12} md={6}>
          <DependencyDriftCard train={train} />
        </Grid>
      </>
    ),
    rollback: (
      <>
        <Grid item xs={12}>
          <RollbackReadinessCard train={train} />
        </Grid>
        <Grid item xs={12}>
          <FeatureFlagsCard train={train} />
        </Grid>
        <Grid item xs={12}>
          <RunbookCard train={train} />
        </Grid>
      </>
    ),
    retrospective,
    'decision-log': (
      <Grid item xs={12}>
        <DecisionLog trainId={train.id} refreshKey={train.updatedAt} gates={train.gates} />
      </Grid>
    ),
  };
  return (
    <>
      <TrainHeader
        train={train}
        canManage={canManage}
        canRollBack={canRollBack}
        onChanged={onChanged}
      />
      <Tabs
        value={tab}
        onChange={(_event, next: TrainTab) => selectTab(next)}
        aria-label={t('trainPage.page.sections')}
        indicatorColor="primary"
        textColor="primary"
        // On a narrow window the tabs scroll rather than widen the page.
        variant="scrollable"
        scrollButtons="auto"
        className={classes.tabs}
      >
        {TRAIN_TABS.map(({ id }) => (
          <Tab
            key={id}
            value={id}
            label={trainTabLabel(id, t)}
            id={tabId(id)}
            aria-controls={panelId(id)}
            className={classes.tab}
          />
        ))}
      </Tabs>
      <div role="tabpanel" id={panelId(tab)} aria-labelledby={tabId(tab)}>
        <Grid container spacing={3}>
          {sections[tab]}
        </Grid>
      </div>
    </>
  );
}
