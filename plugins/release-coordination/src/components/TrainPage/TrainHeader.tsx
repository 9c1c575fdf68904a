import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Box, Button, Chip, Typography } from '@material-ui/core';
import EditIcon from '@material-ui/icons/Edit';
import UndoIcon from '@material-ui/icons/Undo';
import { TrainDetail } from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import { CadenceTrainLink, StatusChip } from '../shared';
import { EditTrainDialog } from './EditTrainDialog';
import { releaseCoordinationTranslationRef } from '../../translations';
import { RollBackTrainDialog } from './RollBackTrainDialog';

/**
 * The train's name, status, objective, ambassador and stage; for those who may manage the
 * train, the Edit action for its plan, and for those who may mark it rolled back (also once
 * released), that action.
 */
export function TrainHeader(props: {
  train: TrainDetail;
  canManage: boolean;
  canRollBack: boolean;
  onChanged: (train: TrainDetail) => void;
}) {
  const { train, canManage, canRollBack, onChanged } = props;
  const [editing, setEditing] = useState(false);
  const [rollingBack, setRollingBack] = useState(false);
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const late = train.stages.some(stage => stage.status === 'current' && stage.late);
  return (
    <Box marginBottom={2}>
      <Box display="flex" alignItems="center" gridGap={8} flexWrap="wrap">
        <Typography variant="h4" component="h2">
          {train.name}
        </Typography>
        <StatusChip
          label={train.status}
          tone={train.status === 'rolled-back' ? 'error' : undefined}
        />
        {late && <Chip size="small" color="secondary" label={t('trainPage.header.late')} />}
        {train.cadence && <CadenceTrainLink cadence={train.cadence} />}
        {(canManage || canRollBack) && (
          <Box marginLeft="auto" display="flex" gridGap={8}>
            {canRollBack && (
              <Button
                variant="outlined"
                startIcon={<UndoIcon />}
                onClick={() => setRollingBack(true)}
              >
                {t('trainPage.header.markRolledBack')}
              </Button>
            )}
            {canManage && (
              <Button variant="outlined" startIcon={<EditIcon />} onClick={() => setEditing(true)}>
                {t('trainPage.header.edit')}
              </Button>
            )}
          </Box>
        )}
      </Box>
      <Typography variant="body1">{train.objective}</Typography>
      <Typography variant="body2" color="textSecondary">
        {t('trainPage.header.ambassador', {
          ambassador: <EntityRefLink entityRef={train.ambassadorRef} defaultKind="user" />,
          stage:
            train.stages.find(stage => stage.name === train.currentStage)?.title ??
            train.currentStage,
        })}
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
      {rollingBack && (
        <RollBackTrainDialog
          train={train}
          onClose={() => setRollingBack(false)}
          onRolledBack={onChanged}
        />
      )}
    </Box>
  );
}
