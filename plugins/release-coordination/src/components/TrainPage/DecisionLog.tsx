import { Progress, ResponseErrorPanel, Table, TableColumn } from '@backstage/core-components';
import { Box, Typography } from '@material-ui/core';
import { TrainDecision } from '@release-coordination/plugin-release-coordination-common';
import { CatalogRefLink } from '../shared';
import { useDecisions } from './useTrain';

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

/**
 * The train's append-only decision log, newest first. `refreshKey` changes when the train
 * changed here, so a change made on this page shows without waiting for the backend's signal.
 */
export function DecisionLog(props: { trainId: string; refreshKey?: string }) {
  const { value, loading, error } = useDecisions(props.trainId, props.refreshKey);
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
