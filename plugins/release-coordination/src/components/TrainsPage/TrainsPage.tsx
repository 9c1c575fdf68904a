import RefreshIcon from '@material-ui/icons/Refresh';
import {
  Content,
  ContentHeader,
  EmptyState,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { ReleaseTrainSummary } from '@release-coordination/plugin-release-coordination-common';
import { useTrains } from './useTrains';

const columns: TableColumn<ReleaseTrainSummary>[] = [
  { title: 'Train', field: 'name', highlight: true },
  { title: 'Objective', field: 'objective' },
  {
    title: 'Ambassador',
    field: 'ambassadorRef',
    render: train => <EntityRefLink entityRef={train.ambassadorRef} defaultKind="user" />,
  },
  { title: 'Stage', field: 'currentStage' },
  { title: 'Status', field: 'status' },
  {
    title: 'Started',
    field: 'createdAt',
    render: train => new Date(train.createdAt).toLocaleDateString(),
  },
];

/** The list of release trains, newest first. */
export function TrainsList() {
  const { value, loading, error, retry } = useTrains();

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} title="Could not load release trains" />;
  }
  if (!value || value.items.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No release trains yet"
        description="A release train groups the services that many teams ship together. Trains appear here once a release ambassador starts one."
      />
    );
  }
  return (
    <Table
      title={`Release trains (${value.totalCount})`}
      options={{ paging: value.items.length > 20, pageSize: 20, search: true }}
      columns={columns}
      data={value.items}
      actions={[{ icon: () => <RefreshIcon />, tooltip: 'Refresh', isFreeAction: true, onClick: retry }]}
    />
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
