import { InfoCard, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Box, Typography } from '@material-ui/core';
import { TrainDetail } from '@release-coordination/plugin-release-coordination-common';
import { releaseCoordinationApiRef } from '../../api';
import { ActionItemsTable } from './ActionItemsTable';
import { NewActionItemForm } from './NewActionItemForm';
import { RetrospectiveBoard } from './RetrospectiveBoard';
import { useRetrospective } from './useRetrospective';

/**
 * A train's blameless retrospective: what went well and what to improve, the action items it
 * decided on, and the open items of earlier trains that concern its participants. Each list
 * pages on its own.
 */
export function RetrospectiveCard(props: { train: TrainDetail }) {
  const { train } = props;
  const api = useApi(releaseCoordinationApiRef);
  const { value, loading, error, retry } = useRetrospective(train.id);
  const title = 'Retrospective';
  const subheader = 'Blameless: describe what happened and what to change, not who is to blame';

  // Keep showing the board while a refetch runs, so that typing is not interrupted.
  if (loading && !value) {
    return (
      <InfoCard title={title} subheader={subheader}>
        <Progress />
      </InfoCard>
    );
  }
  if (error && !value) {
    return <ResponseErrorPanel error={error} title="Could not load the retrospective" />;
  }
  if (!value) return null;
  return (
    <InfoCard title={title} subheader={subheader}>
      <RetrospectiveBoard trainId={train.id} notes={value.notes} onChanged={retry} />
      <Box marginTop={3}>
        <ActionItemsTable
          title="Action items"
          firstPage={value.actionItems}
          fetchPage={page => api.listActionItems({ trainId: train.id, ...page })}
          pagesLabel="action items"
          onChanged={retry}
          emptyText="No action items yet."
        />
      </Box>
      <Box marginTop={2}>
        <NewActionItemForm train={train} onCreated={retry} />
      </Box>
      <Box marginTop={3}>
        <Typography variant="body2" color="textSecondary" paragraph>
          Open action items of earlier trains that a participant of this train or its owner
          still has to close.
        </Typography>
        <ActionItemsTable
          title="Carried over"
          firstPage={value.carriedOver}
          fetchPage={page => api.listCarriedOverActionItems({ trainId: train.id, ...page })}
          pagesLabel="carried-over action items"
          onChanged={retry}
          showTrain
          emptyText="Nothing carried over: earlier trains left no open action items for these participants."
        />
      </Box>
    </InfoCard>
  );
}
