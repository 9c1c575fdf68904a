import RefreshIcon from '@material-ui/icons/Refresh';
import AddIcon from '@material-ui/icons/Add';
import {
  Content,
  ContentHeader,
  EmptyState,
  Header,
  InfoCard,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Box, Button, Chip } from '@material-ui/core';
import { ReleaseTrainSummary } from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import { trainRouteRef } from '../../routes';
import { DEFAULT_STAGES, NewTrainDialog } from './NewTrainDialog';
import { TrainsTimeline } from './TrainsTimeline';
import { TIMELINE_TRAIN_LIMIT, useTrains } from './useTrains';

type TrainRow = ReleaseTrainSummary & { late: boolean };

/** A train is late when it is still in a stage whose planned window has ended. */
function isLate(train: ReleaseTrainSummary): boolean {
  return train.stages.some(stage => stage.status === 'current' && stage.late);
}

function useColumns(): TableColumn<TrainRow>[] {
  const trainLink = useRouteRef(trainRouteRef);
  return [
    {
      title: 'Train',
      field: 'name',
      highlight: true,
      render: train => <Link to={trainLink({ trainId: train.id })}>{train.name}</Link>,
    },
    { title: 'Objective', field: 'objective' },
    {
      title: 'Ambassador',
      field: 'ambassadorRef',
      render: train => <EntityRefLink entityRef={train.ambassadorRef} defaultKind="user" />,
    },
    {
      title: 'Stage',
      field: 'currentStage',
      render: train => (
        <Box display="flex" alignItems="center" gridGap={4}>
          {train.currentStage}
          {train.late && <Chip size="small" color="secondary" label="late" />}
        </Box>
      ),
    },
    { title: 'Status', field: 'status' },
    {
      title: 'Started',
      field: 'createdAt',
      render: train => new Date(train.createdAt).toLocaleDateString(),
    },
  ];
}

function TrainsTimelineCard(props: { trains: ReleaseTrainSummary[] }) {
  const { trains } = props;
  return (
    <InfoCard
      title="Timeline"
      subheader={
        trains.length > TIMELINE_TRAIN_LIMIT
          ? `Planned stage windows of the ${TIMELINE_TRAIN_LIMIT} newest trains`
          : 'Planned stage windows'
      }
    >
      <TrainsTimeline trains={trains.slice(0, TIMELINE_TRAIN_LIMIT)} />
    </InfoCard>
  );
}

/** The list of release trains, newest first, their timeline and the "New train" dialog. */
export function TrainsList() {
  const { value, loading, error, retry } = useTrains();
  const [creating, setCreating] = useState(false);
  const columns = useColumns();

  // The backend configures the stages; the newest train tells which ones they are.
  const newestStages = value?.items[0]?.stages ?? [];
  const stages =
    newestStages.length > 0
      ? newestStages.map(({ name, title }) => ({ name, title }))
      : DEFAULT_STAGES;
  const newTrainButton = (
    <Button
      variant="contained"
      color="primary"
      startIcon={<AddIcon />}
      onClick={() => setCreating(true)}
    >
      New train
    </Button>
  );
  // Mounted only while open: it needs the catalog, which the list does not.
  const dialog = creating && (
    <NewTrainDialog open onClose={() => setCreating(false)} stages={stages} />
  );

  if (loading && !value) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} title="Could not load release trains" />;
  }
  if (!value || value.items.length === 0) {
    return (
      <>
        <EmptyState
          missing="data"
          title="No release trains yet"
          description="A release train groups the services that many teams ship together. Trains appear here once a release ambassador starts one."
          action={newTrainButton}
        />
        {dialog}
      </>
    );
  }
  const rows: TrainRow[] = value.items.map(train => ({ ...train, late: isLate(train) }));
  return (
    <Box display="flex" flexDirection="column" gridGap={24}>
      <Box display="flex" justifyContent="flex-end">
        {newTrainButton}
      </Box>
      <Table
        title={`Release trains (${value.totalCount})`}
        options={{ paging: value.items.length > 20, pageSize: 20, search: true }}
        columns={columns}
        data={rows}
        actions={[
          { icon: () => <RefreshIcon />, tooltip: 'Refresh', isFreeAction: true, onClick: retry },
        ]}
      />
      <TrainsTimelineCard trains={value.items} />
      {dialog}
    </Box>
  );
}

/** The trains page's content, for app page layouts that supply the header (new frontend system). */
export function TrainsPageContent() {
  return (
    <Content>
      <TrainsList />
    </Content>
  );
}

/** The plugin's root page with its own header: `/release-coordination` (legacy frontend system). */
export function TrainsPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Release coordination"
        subtitle="Releases that many teams ship together, from planning to deployment"
      />
      <Content>
        <ContentHeader title="Release trains" />
        <TrainsList />
      </Content>
    </Page>
  );
}
