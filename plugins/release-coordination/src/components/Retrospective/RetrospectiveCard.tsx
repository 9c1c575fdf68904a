import { InfoCard, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { Box, Typography } from '@material-ui/core';
import { TrainDetail } from '@release-coordination/plugin-release-coordination-common';
import { ActionItemsTable } from './ActionItemsTable';
import { NewActionItemForm } from './NewActionItemForm';
import { RetrospectiveBoard } from './RetrospectiveBoard';
import { useRetrospective } from './useRetrospective';

/**
 * A train's blameless retrospective: what went well and what to improve, the action items it
 * decided on, and the open items of earlier trains that concern its participants.
 */
export function RetrospectiveCard(props: { train: TrainDetail }) {
  const { train } = props;
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
          title={`Action items (${value.actionItems.length})`}
          items={value.actionItems}
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
          title={`Carried over (${value.carriedOver.length})`}
          items={value.carriedOver}
          onChanged={retry}
          showTrain
          emptyText="Nothing carried over: earlier trains left no open action items for these participants."
        />
      </Box>
    </InfoCard>
  );
}
