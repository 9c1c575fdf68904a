import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Box, Button, Chip, Typography } from '@material-ui/core';
import EditIcon from '@material-ui/icons/Edit';
import { TrainDetail } from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import { EditTrainDialog } from './EditTrainDialog';

/**
 * The train's name, status, objective, ambassador and stage; for those who may manage the
 * train, the Edit action for its plan.
 */
export function TrainHeader(props: {
  train: TrainDetail;
  canManage: boolean;
  onChanged: (train: TrainDetail) => void;
}) {
  const { train, canManage, onChanged } = props;
  const [editing, setEditing] = useState(false);
  const late = train.stages.some(stage => stage.status === 'current' && stage.late);
  return (
    <Box marginBottom={2}>
      <Box display="flex" alignItems="center" gridGap={8} flexWrap="wrap">
        <Typography variant="h4" component="h2">
          {train.name}
        </Typography>
        <Chip size="small" label={train.status} />
        {late && <Chip size="small" color="secondary" label="late" />}
        {canManage && (
          <Box marginLeft="auto">
            <Button variant="outlined" startIcon={<EditIcon />} onClick={() => setEditing(true)}>
              Edit
            </Button>
          </Box>
        )}
      </Box>
      <Typography variant="body1">{train.objective}</Typography>
      <Typography variant="body2" color="textSecondary">
        Ambassador: <EntityRefLink entityRef={train.ambassadorRef} defaultKind="user" /> · stage{' '}
        {train.stages.find(stage => stage.name === train.currentStage)?.title ??
          train.currentStage}
      </Typography>
      {/* Mounted only while open, so that it starts from the train as it is now. */}
      {editing && (
        <EditTrainDialog
          train={train}
          open
          onClose={() => setEditing(false)}
          onSaved={onChanged}
        />
      )}
    </Box>
  );
}
