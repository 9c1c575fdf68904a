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
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Box, Button, Chip } from '@material-ui/core';
import { ReleaseTrainSummary } from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import { trainRouteRef } from '../../routes';
import { releaseCoordinationTranslationRef } from '../../translations';
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
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  return [
    {
      title: t('trains.columns.train'),
      field: 'name',
      highlight: true,
      render: train => <Link to={trainLink({ trainId: train.id })}>{train.name}</Link>,
    },
    { title: t('trains.columns.objective'), field: 'objective' },
    {
      title: t('trains.columns.ambassador'),
      field: 'ambassadorRef',
      render: train => <EntityRefLink entityRef={train.ambassadorRef} defaultKind="user" />,
    },
    {
      title: t('trains.columns.stage'),
      field: 'currentStage',
      render: train => (
        <Box display="flex" alignItems="center" gridGap={4}>
          {train.currentStage}
          {train.late && <Chip size="small" color="secondary" label={t('trains.late')} />}
        </Box>
      ),
    },
    { title: t('trains.columns.status'), field: 'status' },
    {
      title: t('trains.columns.started'),
      field: 'createdAt',
      render: train => new Date(train.createdAt).toLocaleDateString(),
    },
  ];
}

function TrainsTimelineCard(props: { trains: ReleaseTrainSummary[] }) {
  const { trains } = props;
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  return (
    <InfoCard
      title={t('trains.timeline.title')}
      subheader={
        trains.length > TIMELINE_TRAIN_LIMIT
          ? t('trains.timeline.subheaderNewest', { count: TIMELINE_TRAIN_LIMIT })
          : t('trains.timeline.subheader')
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
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);

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
      {t('trains.newTrain')}
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
    return <ResponseErrorPanel error={error} title={t('trains.loadError')} />;
  }
  if (!value || value.items.length === 0) {
    return (
      <>
        <EmptyState
          missing="data"
          title={t('trains.empty.title')}
          description={t('trains.empty.description')}
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
        title={t('trains.tableTitle', { count: value.totalCount })}
        options={{ paging: value.items.length > 20, pageSize: 20, search: true }}
        columns={columns}
        data={rows}
        actions={[
          { icon: () => <RefreshIcon />, tooltip: t('trains.refresh'), isFreeAction: true, onClick: retry },
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
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  return (
    <Page themeId="tool">
      <Header
        title={t('trains.pageTitle')}
        subtitle={t('trains.pageSubtitle')}
      />
      <Content>
        <ContentHeader title={t('trains.listTitle')} />
        <TrainsList />
      </Content>
    </Page>
  );
}
